const express = require('express');

const router = express.Router();
let lastUserId;
const hits = new Map();

router.get('/:id', async (req, res, next) => { // ok: express route with (req, res, next)
  lastUserId = req.params.id; // want "LMI003"
  hits.set('users', (hits.get('users') || 0) + 1); // want "LMI001"
  const view = { id: req.params.id };
  view.fetchedAt = Date.now(); // ok: per-request object
  res.json(view);
});

module.exports = router;
