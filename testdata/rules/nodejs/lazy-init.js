const { Pool } = require('pg');
const { S3Client } = require('@aws-sdk/client-s3');
const { MongoClient } = require('mongodb');

let pool;
let s3;
let cfg;
let mongo;
let ddbPool;
let settings = null;

function createPool() {
  return new Pool({ max: 2 }); // ok: only called as a guarded lazy initialiser
}

function getS3() {
  if (!s3) s3 = new S3Client({}); // ok: guarded lazy init
  return s3;
}

async function loadConfig() {
  return { flag: true };
}

async function getConfig() {
  if (cfg) return cfg;
  cfg = await loadConfig(); // ok: early-return lazy init
  return cfg;
}

function getSettings() {
  if (settings === null) {
    settings = { mode: 'x' }; // ok: lazy init guarded by a null check
  }
  return settings;
}

exports.handler = async (event) => {
  if (!pool) pool = createPool(); // ok: guarded lazy init
  mongo ??= new MongoClient(process.env.MONGO_URL); // ok: lazy init with ??=
  if (ddbPool === undefined) {
    ddbPool = new Pool({ max: 4 }); // ok: lazy init in a guarded block
  }
  const conf = await getConfig();
  const res = await pool.query('SELECT 1'); // ok: pool use
  await getS3().send({});
  return { conf, res, s: getSettings(), m: await mongo.db('a').stats() };
};
