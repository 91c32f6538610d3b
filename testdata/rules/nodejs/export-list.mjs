let n = 0;
const queue = [];

async function handler(evt) {
  n += 1; // want "LMI001"
  queue.shift(); // want "LMI001"
  return evt;
}

function helper(event) {
  n = 0; // ok: exported, but not a handler and not called by one
  return event;
}

export { handler, helper };
