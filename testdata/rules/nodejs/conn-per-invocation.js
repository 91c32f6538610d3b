const { Client, Pool } = require('pg');
const mysql = require('mysql');
const mysql2 = require('mysql2/promise');
const Redis = require('ioredis');
const { createClient } = require('redis');
const { MongoClient } = require('mongodb');
const mongoose = require('mongoose');
const knex = require('knex');
const { Sequelize } = require('sequelize');
const { DataSource } = require('typeorm');
const { PrismaClient } = require('@prisma/client');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { SQSClient } = require('@aws-sdk/client-sqs');
const AWS = require('aws-sdk');

const sharedPool = new Pool({ max: 10 }); // ok: pool at module scope
const sharedMyPool = mysql2.createPool({ connectionLimit: 10 }); // ok: pool at module scope
const s3 = new S3Client({}); // ok: AWS client at module scope

function makePool() {
  return new Pool(); // want "LMI006"
}

exports.handler = async (event) => {
  const pg = new Client({ connectionString: process.env.DB_URL }); // want "LMI006"
  const pgPool = makePool();
  const my = mysql.createConnection({ host: 'db' }); // want "LMI006"
  const my2 = await mysql2.createConnection({ host: 'db' }); // want "LMI006"
  const myPool = mysql2.createPool({}); // want "LMI006"
  const mongo = new MongoClient(process.env.MONGO_URL); // want "LMI006"
  await mongoose.connect(process.env.MONGO_URL); // want "LMI006"
  const redis = new Redis(); // want "LMI006"
  const r2 = createClient(); // want "LMI006"
  const db = knex({ client: 'pg' }); // want "LMI006"
  const seq = new Sequelize(process.env.DB_URL); // want "LMI006"
  const ds = new DataSource({ type: 'postgres' }); // want "LMI006"
  const prisma = new PrismaClient(); // want "LMI006"
  const ddb = new DynamoDBClient({}); // want "LMI006"
  const doc = DynamoDBDocumentClient.from(ddb); // want "LMI006"
  const legacy = new AWS.DynamoDB.DocumentClient(); // want "LMI006"
  const s3Local = new S3Client({ region: 'us-east-1' }); // want "LMI006"
  const sqs = new SQSClient({}); // want "LMI006"

  const conn = await sharedPool.connect(); // ok: pool checkout per request
  conn.release();
  const c2 = await sharedMyPool.getConnection(); // ok: pool checkout per request
  c2.release();
  const cmd = new GetObjectCommand({ Bucket: 'b', Key: 'k' }); // ok: a command, not a client
  await s3.send(cmd); // ok: module-scope AWS client used per request
  return [pg, pgPool, my, my2, myPool, mongo, redis, r2, db, seq, ds, prisma, doc, legacy, s3Local, sqs];
};
