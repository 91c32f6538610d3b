import { Pool, Client } from 'pg';
import type { Context } from 'aws-lambda';

let pool: Pool | undefined;
let cl: Client | undefined;
let prefix = '';
const logger = { requestId: '', level: 'info' };
let counter = 0;
const items: number[] = [1];

async function getPool(): Promise<Pool> {
  if (pool) return pool;
  pool = new Pool(); // ok: early-return lazy init of a pool
  return pool;
}

async function tick(): Promise<void> {}

export const handler = async (event: unknown, context: Context) => {
  cl ??= new Client(); // ok: lazy init (no LMI006); its use below is LMI004
  await cl.query('SELECT 1'); // want "LMI004"
  prefix = `req-${context.awsRequestId}`; // want "LMI003"
  logger.requestId = context.awsRequestId; // want "LMI003"
  const before = counter;
  await tick();
  counter++; // want "LMI001"
  items.forEach((counter) => {
    counter += 1; // ok: callback parameter shadows the module binding
  });
  return { before, rows: await (await getPool()).query('SELECT 2') };
};
