const middy = require('@middy/core');
const jsonBodyParser = require('@middy/http-json-body-parser');
const httpErrorHandler = require('@middy/http-error-handler');

let calls = 0;
let lastBody;
const buffer = [];

const baseHandler = async (event, context) => {
  calls++; // want "LMI001"
  lastBody = event.body; // want "LMI003"
  buffer.pop(); // want "LMI001"
  const acc = [];
  acc.push(event.body); // ok: local array
  return { statusCode: 200, body: JSON.stringify({ n: calls, id: context.awsRequestId }) };
};

module.exports.handler = middy(baseHandler).use(jsonBodyParser()).use(httpErrorHandler());
