const { Client, Pool } = require('pg');
const fs = require('fs');
const path = require('path');
const os = require('os');

const OUT = '/tmp/out.json';
let counter = 0;
let lastUser;
const pool = new Pool({ max: 10 }); // ok: a pool at module scope
let lazy;

exports.handler = async (event, context) => {
  counter++; // want "LMI001"
  lastUser = event.user; // want "LMI003"
  const n = counter;
  await pool.query('SELECT 1'); // ok: pool checkout per request
  counter = n + 1; // want "LMI002" "LMI001"
  fs.writeFileSync(OUT, 'x'); // want "LMI005"
  fs.writeFileSync(path.join(os.tmpdir(), 'a.txt'), 'x'); // want "LMI005"
  fs.writeFileSync(`/tmp/${context.awsRequestId}.json`, 'x'); // ok: request-unique name
  const client = new Client(); // want "LMI006"
  if (!lazy) lazy = new Client(); // ok: lazy init once
  process.env.STAGE = event.stage; // want "LMI008"
  const local = []; // ok: per-invocation state
  local.push(event); // ok: local collection
  return helper(event);
};

function helper(e) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'job-')); // ok: unique dir
  fs.writeFileSync(path.join(tmp, 'x.json'), JSON.stringify(e)); // ok: inside the unique dir
  return lazy.query('SELECT 1'); // want "LMI004"
}

function initOnly() {
  counter = 5; // ok: only reached from init code
}
initOnly();
