import { randomUUID } from 'node:crypto';

let hits = 0;
let total = 0;
const seen = [];
const tags = new Set();
const byId = new Map();
const settings = { mode: 'default', retries: 0 };
const cache = {};
const memo = new Map();
let config;
let token;
let schema;
let client;
let lastResult;

seen.push(0); // ok: module init code
for (const t of ['a', 'b']) tags.add(t); // ok: module init code

const bump = () => {
  hits += 2; // want "LMI001"
};

function warm() {
  total = total + 1; // want "LMI001"
}
warm();

function tally(items) {
  let hits = 0;
  for (const _ of items) hits++; // ok: local shadows the module-scope hits
  return hits;
}

function addOne(total) {
  total += 1; // ok: parameter shadows the module-scope total
  return total;
}

function neverCalled() {
  hits = 100; // ok: not reachable from any handler
  seen.length = 0; // ok: not reachable from any handler
}

export const handler = async (event) => {
  hits++; // want "LMI001"
  seen.push(Date.now()); // want "LMI001"
  tags.add('seen'); // want "LMI001"
  settings.mode = 'busy'; // want "LMI001"
  delete settings.retries; // want "LMI001"
  Object.assign(settings, { retries: 3 }); // want "LMI001"
  seen.sort(); // want "LMI001"
  byId.clear(); // want "LMI001"
  bump();
  warm();

  config ??= { loaded: true }; // ok: lazy init with ??=
  token ||= randomUUID(); // ok: lazy init with ||=
  schema = schema || buildSchema(); // ok: lazy init x = x || …
  if (!client) client = makeClient(); // ok: guarded lazy init

  const local = new Map(); // ok: Map created inside the handler
  local.set(event.id, event); // ok: writes a per-invocation Map
  const copy = { ...settings };
  copy.mode = 'copy'; // ok: spread copy made per invocation
  const sorted = seen.slice().sort(); // ok: sorts a copy, not the module array
  const merged = Object.assign({}, settings, { mode: 'x' }); // ok: assigns into a fresh object

  let count = 0;
  [1, 2, 3].forEach((n) => {
    count += n; // ok: closure writes an enclosing-function local
  });

  event.records.forEach(() => {
    total += 1; // want "LMI001"
  });

  const value = { key: event.key, at: Date.now() };
  if (!memo.has(event.key)) memo.set(event.key, value); // want "LMI001"
  const prior = cache[event.key];
  cache[event.key] = value; // want "LMI001"

  await fetchIt().then((r) => {
    lastResult = r; // want "LMI001"
  });

  return { count, sorted, merged, n: tally(seen), t: addOne(1), local: local.size };
};

function buildSchema() {
  return {};
}
function makeClient() {
  return {};
}
async function fetchIt() {
  return 1;
}
