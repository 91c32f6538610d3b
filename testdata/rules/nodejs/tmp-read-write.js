const fs = require('fs');
const { execSync } = require('child_process');

const MODEL = '/tmp/model.bin';
fs.writeFileSync(MODEL, Buffer.alloc(8)); // ok: written once, at init

exports.handler = async (event) => {
  const model = fs.readFileSync(MODEL); // ok: read per request, written only at init
  fs.mkdirSync('/tmp/cache', { recursive: true }); // ok: creating a shared folder is idempotent
  fs.writeFileSync('/tmp/state.json', JSON.stringify(event)); // want "LMI005"
  const state = fs.readFileSync('/tmp/state.json', 'utf8'); // want "LMI005"
  // A suppression above a multi-line call covers findings on its argument lines.
  // lmicheck:ignore LMI005 -- single-flight lock file, created with O_EXCL elsewhere
  fs.writeFileSync(
    '/tmp/lock',
    'x',
  );
  execSync(`convert ${event.input} /tmp/out.png`); // want "LMI005"
  return { model: model.length, state };
};
