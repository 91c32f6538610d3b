let greeted = 0;
let lastCaller;

export const lambdaHandler = async (event, context) => {
  greeted++; // want "LMI001"
  lastCaller = event.requestContext.identity.sourceIp; // want "LMI003"
  return { statusCode: 200, body: JSON.stringify({ greeted }) };
};
