let counter = 0;
let balance = 100;
let total = 0;
let current;
const stats = { count: 0 };

async function save() {}
async function tick() {}
async function price() {
  return 3;
}
async function lookupFee() {
  return 1;
}
function log() {}

async function increment() {
  const n = counter;
  await save(n);
  counter = n + 1; // want "LMI002" "LMI001"
}

async function addPrice() {
  total += await price(); // want "LMI002" "LMI001"
}

async function charge() {
  const before = balance;
  const fee = await lookupFee();
  balance = before - fee; // want "LMI002" "LMI001"
}

async function countMember() {
  const c = stats.count;
  await tick();
  stats.count = c + 1; // want "LMI002" "LMI001"
}

async function stash() {
  current = { step: 1 }; // want "LMI001"
  await tick();
  log(current); // want "LMI002"
}

async function bumpAfterAwait() {
  await tick();
  counter++; // want "LMI001"
}

async function localOnly() {
  let localCount = 0;
  const m = localCount;
  await tick();
  localCount = m + 1; // ok: read-await-write on a local variable
  return localCount;
}

async function shadowed() {
  let counter = 5;
  const n = counter;
  await tick();
  counter = n + 1; // ok: local counter shadows the module binding
  return counter;
}

async function readOnly() {
  const snapshot = balance;
  await tick();
  return snapshot + balance; // ok: reads only, nothing written
}

export async function handler(event) {
  await increment();
  await addPrice();
  await charge();
  await countMember();
  await stash();
  await bumpAfterAwait();
  await localOnly();
  await shadowed();
  return readOnly(event);
}
