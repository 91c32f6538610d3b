const pending = [];
let processed = 0;

exports.processOrders = async (event) => {
  for (const record of event.Records) {
    processed += 1; // want "LMI001"
  }
  return { processed };
};

exports.handler = async (event) => {
  pending.push(1); // ok: the template names processOrders, so this export is not a handler
  return event;
};
