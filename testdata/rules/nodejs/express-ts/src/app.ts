import express, { type Request, type Response } from 'express';
import serverless from 'serverless-http';
import { orders } from './routes/orders.js';

const app = express();
let lastTenant: string | undefined;

app.get('/tenant', (req: Request, res: Response) => {
  lastTenant = req.headers['x-tenant'] as string; // want "LMI003"
  process.env.TENANT = lastTenant; // want "LMI008"
  res.json({ tenant: lastTenant });
});

app.use('/orders', orders);

export const handler = serverless(app);
