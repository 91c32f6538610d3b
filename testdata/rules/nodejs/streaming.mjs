export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => { // ok: streaming handlers take three params
  responseStream.write('hi');
  responseStream.end();
});
