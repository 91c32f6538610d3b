let last;

export function handler(event, context, callback) { // want "LMI007"
  last = 'x'; // want "LMI001"
  callback(null, last);
}

export const createOrderHandler = async (event, context) => {
  context.succeed({ ok: true }); // want "LMI007"
};
