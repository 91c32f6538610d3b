exports.handler = function (event, context, callback) { // want "LMI007"
  context.callbackWaitsForEmptyEventLoop = false; // want "LMI007"
  context.succeed('ok'); // want "LMI007"
  callback(null, 'ok');
};
