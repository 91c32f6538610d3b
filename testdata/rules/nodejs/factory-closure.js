// A handler built by a factory at init shares the factory's locals across
// every invocation; closures over a handler's own locals do not.
const { Pool } = require('pg');

function makeHandler(deps) {
  let count = 0;
  const seen = new Map();
  const recent = [];
  let lastUser;
  const pool = new Pool(); // ok: created once, when makeHandler runs at init
  return async (event) => {
    count++; // want "LMI001"
    lastUser = event.user; // want "LMI003"
    recent.push(event.id); // want "LMI001"
    if (!seen.has(event.id)) seen.set(event.id, await deps.load(event.id)); // want "LMI001"
    let total = 0;
    [1, 2, 3].forEach((n) => {
      total += n; // ok: total belongs to this invocation (the handler's own local)
    });
    const local = [];
    const add = (x) => local.push(x); // ok: local belongs to this invocation
    add(total);
    return pool.query('SELECT $1::int', [total + count]);
  };
}

function perCall() {
  let calls = 0;
  return () => {
    calls++; // ok: perCall runs during each invocation, so each gets its own counter
    return calls;
  };
}

exports.handler = makeHandler({ load: async (id) => id });
exports.lambdaHandler = async (event) => perCall()();
