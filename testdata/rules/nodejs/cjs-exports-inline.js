const fs = require('fs');
const path = require('path');

let a = 1;
let b = 2;
let region;
let lastAuth;
const state = { users: [], meta: {} };
const registry = {};

function createState() {
  return { count: 0 };
}

module.exports = {
  handler: async function handle(event, context) {
    [a, b] = [b, a]; // want "LMI001" "LMI001"
    region = process.env.AWS_REGION; // want "LMI001"
    lastAuth = event.headers['Authorization']; // want "LMI003"
    state.users.push('u'); // want "LMI001"
    Object.defineProperty(registry, 'ready', { value: true }); // want "LMI001"
    delete registry[event.name]; // want "LMI001"

    const s = createState();
    s.count += 1; // ok: object returned by a factory called per invocation
    for (let i = 0; i < 3; i++) s.count++; // ok: loop counter and per-invocation object
    try {
      await fs.promises.writeFile('/tmp/inline.json', '{}'); // want "LMI005"
    } catch (region) {
      region = String(region); // ok: catch parameter shadows the module binding
    }
    fs.promises.appendFile('/tmp/audit.log', 'x'); // want "LMI005"
    fs.createReadStream(path.resolve('/tmp', 'in.csv')); // ok: read-only; no invocation writes it
    console.log('wrote /tmp/inline.json'); // ok: a /tmp string that is not used as a path
    fs.writeFileSync('/tmp/' + context.awsRequestId, 'x'); // ok: request id concatenated into the name
    function inner() {
      state.meta.last = 'inner'; // want "LMI001"
    }
    inner();
    return { s };
  },
};
