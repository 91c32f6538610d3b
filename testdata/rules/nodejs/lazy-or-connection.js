// LMI006 false positive: `x = x || new Pool()` is lazy init (LMI001 already
// treats it so), but LMI006 reports a pool created on every invocation.
const { Pool } = require('pg');

let pool;

exports.handler = async (event) => {
  pool = pool || new Pool(); // ok: x = x || … lazy init
  return pool.query('SELECT 1');
};
