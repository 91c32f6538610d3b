import { Router, type Request, type Response, type NextFunction } from 'express';
import { Pool } from 'pg';
import { writeFileSync } from 'node:fs';

export const orders = Router();

const shared = new Pool({ max: 5 }); // ok: pool at module scope
let lastOrderId: string | null = null;
const recent: string[] = [];

orders.post('/:id', async (req: Request, res: Response, next: NextFunction) => { // ok: express route with next
  lastOrderId = req.params.id; // want "LMI003"
  recent.length = 0; // want "LMI001"
  const pool = new Pool(); // want "LMI006"
  writeFileSync('/tmp/order.json', JSON.stringify(req.body)); // want "LMI005"
  await shared.query('SELECT 1'); // ok: module-scope pool
  res.sendStatus(201);
  await pool.end();
});
