const express = require('express');
const serverless = require('serverless-http');
const users = require('./routes/users');

const app = express();
let requests = 0;
let lastPath;
const recent = [];

app.use(express.json());
app.use((req, res, next) => { // ok: express middleware takes (req, res, next)
  res.locals.start = Date.now(); // ok: per-request object
  req.startedAt = Date.now(); // ok: per-request object
  next();
});

app.get('/health', (req, res) => {
  requests++; // want "LMI001"
  res.json({ ok: true, requests });
});

app.post('/login', async (req, res) => {
  lastPath = req.path; // want "LMI003"
  recent.push(Date.now()); // want "LMI001"
  res.status(204).end();
});

app.use('/users', users);

module.exports.handler = serverless(app);
