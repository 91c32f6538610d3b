const middy = require('@middy/core');
const { Client } = require('pg');

let c;
let n = 0;

async function handler(event, context, callback) { // want "LMI007"
  if (!c) {
    c = new Client(); // ok: lazy init guarded by a block
    await c.connect(); // want "LMI004"
  }
  setTimeout(() => context.done(null, 1), 1); // want "LMI007"
  return c.query('SELECT 1');
}

const wrappedHandler = middy(async (event, context, callback) => { // ok: wrapped by middy, not exported directly
  n++; // want "LMI001"
  return event;
});

module.exports.handler = handler;
module.exports.wrappedHandler = wrappedHandler;
