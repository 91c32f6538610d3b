const { Client } = require('pg');
const mysql = require('mysql2');
const Redis = require('ioredis');
const redis = require('redis');
const { MongoClient } = require('mongodb');
const knex = require('knex');
const { PrismaClient } = require('@prisma/client');

const pgClient = new Client();
pgClient.connect(); // ok: connecting at init is not invocation code
const myConn = mysql.createConnection({ host: 'db' });
const cache = new Redis();
const rc = redis.createClient();
let lazyClient;

const pool = mysql.createPool({ connectionLimit: 5 });
const mongo = new MongoClient(process.env.MONGO_URL);
const db = knex({ client: 'pg' });
const prisma = new PrismaClient();

class OrderRepo {
  delete(id) {
    return pool.query('DELETE FROM orders WHERE id = ?', [id]);
  }
}
const repo = new OrderRepo();

async function helper() {
  return pgClient.query('SELECT 3'); // want "LMI004"
}

exports.handler = async (event) => {
  const rows = await pgClient.query('SELECT 1'); // want "LMI004"
  await pgClient.query('SELECT 2'); // ok: LMI004 is reported once per function
  await cache.set('k', 'v'); // ok: ioredis multiplexes concurrent commands; share one client
  await cache.set('k2', 'v2'); // ok: a client method, not a collection write
  myConn.query('SELECT 1', () => {}); // want "LMI004"
  await rc.get('x'); // ok: node-redis clients serve concurrent callers
  if (!lazyClient) lazyClient = new Client(); // ok: guarded lazy init is not per-invocation
  await lazyClient.query('SELECT 4'); // want "LMI004"

  await pool.query('SELECT 5'); // ok: a pool is safe to share
  await mongo.db('app').collection('c').findOne({}); // ok: MongoClient manages a pool
  await db('users').where({ id: event.id }); // ok: knex manages a pool
  await prisma.user.findMany(); // ok: PrismaClient manages a pool
  await repo.delete(event.id); // ok: a service method, not a collection write
  return [rows, await helper()];
};
