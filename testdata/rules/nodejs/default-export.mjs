let calls = 0;
const log = [];

export default async function (event, context) {
  calls++; // want "LMI001"
  log.unshift(calls); // want "LMI001"
  return { ok: true, id: context.awsRequestId };
}
