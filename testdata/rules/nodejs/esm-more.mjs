import { Pool } from 'pg';
import { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { execSync } from 'node:child_process';
import { rm } from 'node:fs/promises';

let total = 0;
let items = [];
let flag = true;
const state = {};

async function price() {
  return 2;
}
async function more() {
  return [];
}
async function tick() {}

function buildInitPool() {
  return new Pool(); // ok: only called at module init
}
const initPool = buildInitPool();

const handler = async (event) => {
  total = (await price()) + total; // want "LMI001"
  items = items.concat(await more()); // want "LMI002" "LMI001"
  flag &&= Date.now() > 0; // want "LMI001"
  state.user = { n: 1 }; // want "LMI001"
  await tick();
  const u = state.user; // want "LMI002"

  const client = await MongoClient.connect(process.env.MONGO_URL); // want "LMI006"
  const conn = mongoose.createConnection(process.env.MONGO_URL); // want "LMI006"
  execSync('rm -rf /tmp/cache'); // want "LMI005"
  await rm('/tmp/cache', { recursive: true }); // want "LMI005"
  await initPool.query('SELECT 1'); // ok: module-scope pool
  return { u, client, conn };
};

export default handler;

export const handlerFactory = () => {
  total = 0; // ok: not a handler name, and never called from one
};

export const handle = async (event) => {
  total = -1; // ok: `handle` is not a handler name by convention
  return event;
};
