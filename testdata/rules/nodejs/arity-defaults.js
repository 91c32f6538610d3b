// fn.length counts parameters before the first default: the runtime sees 1.
exports.handler = async (event, context = {}, extra) => { // ok: handler.length is 1
  return { event, context, extra };
};
