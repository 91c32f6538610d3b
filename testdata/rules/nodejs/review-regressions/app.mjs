// Cases from the first review: safe idioms that were flagged, and hazards
// that were missed.
import { Pool } from 'pg';
import Redis from 'ioredis';
import mongoose from 'mongoose';
import { MongoClient } from 'mongodb';
import saveOrder from './store.mjs';
import { Config } from './classes.mjs';

let seq = 0;
let coldStart = true;
let pool;
let conn = null;
let cachedClient;
let token;
let tokenExpiry = 0;
let processed = 0;
let isWarm = false;
let lastKey;
const redis = new Redis(process.env.REDIS_URL); // ok: a module-level ioredis client is the recommended pattern
const state = { items: [] };
const inflight = new Map();

const getPool = () => pool ?? (pool = new Pool()); // ok: lazy init in an expression

async function getToken() {
  if (token && Date.now() < tokenExpiry) return token;
  const res = await fetch(process.env.TOKEN_URL);
  tokenExpiry = Date.parse(res.headers.get('expires')); // want "LMI001"  (outbound response headers are not request data)
  token = (await res.json()).access_token; // ok: refreshed behind the early return (a benign duplicate refresh at worst)
  return token;
}

async function connectDb() {
  if (conn == null) {
    conn = mongoose.connect(process.env.URI).then(() => mongoose); // ok: mongoose's documented lazy connection
    await conn;
  }
  return conn;
}

async function mongo() {
  if (cachedClient) return cachedClient;
  const client = await MongoClient.connect(process.env.URI); // ok: inside a lazy-init region (early return above)
  cachedClient = client; // ok: lazy init after the early return
  return client;
}

export const handler = async (event, context) => {
  seq = seq + 1; // want "LMI001"
  const id = seq;
  await getPool().query('SELECT 1');
  const wasCold = coldStart;
  coldStart = false; // want "LMI001"
  await redis.set(event.key, 'v'); // ok: shared ioredis client
  processed += event.Records.length; // want "LMI001"  (a counter, not request data)
  isWarm = context.functionName.length > 0; // want "LMI001"  (a flag, not request data)
  await connectDb();
  await mongo();
  await getToken();
  saveOrder(event.body);
  for (lastKey in event) { // want "LMI003"
    break;
  }
  const { items } = state;
  items.push(id); // want "LMI001"
  if (!inflight.has(id)) inflight.set(id, getToken()); // want "LMI001"
  inflight.delete(id); // want "LMI001"
  Config.reset();
  return { id, wasCold }; // ok: locals copied before the await, not reads of shared state
};
