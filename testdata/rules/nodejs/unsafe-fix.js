exports.handler = (event, context, callback) => { // want "LMI007"
  if (event.fast) context.callbackWaitsForEmptyEventLoop = false; // want "LMI007"
  callback(null, 1);
};
