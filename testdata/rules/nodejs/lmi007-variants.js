exports.handler = (event, context, callback) => { // want "LMI007"
  context.fail(new Error('boom')); // want "LMI007"
  context.done(null, combine(1, 2, 3)); // want "LMI007"
  callback(null, 'ok');
};

module.exports.cbHandler = function ( // want "LMI007"
  event,
  context,
  cb,
) {
  cb(null, event);
};

exports.otherHandler = async function (event, context) {
  context.callbackWaitsForEmptyEventLoop = false; // want "LMI007"
  const remaining = context.getRemainingTimeInMillis(); // ok: still supported on the context
  return { remaining };
};

function combine(a, b, c) { // ok: three parameters, but not a handler
  return a + b + c;
}

function legacyHelper(event, context, callback) { // ok: three params, never exported as a handler
  callback(null, event);
}
