const express = require('express');

const app = express();
let count = 0;

app.get('/', (req, res) => {
  count++; // ok: this express app is never wrapped into a Lambda handler
  res.send(String(count));
});

app.listen(3000);
