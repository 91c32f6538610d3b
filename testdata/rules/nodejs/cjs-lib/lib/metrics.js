const counts = {};

function record(name) {
  counts[name] = (counts[name] || 0) + 1; // want "LMI001"
}

function reset() {
  for (const k of Object.keys(counts)) delete counts[k]; // ok: exported but never called by a handler
}

module.exports = { record, reset };
