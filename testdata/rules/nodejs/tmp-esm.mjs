import fs from 'node:fs';
import { writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

const SCRATCH = join(tmpdir(), 'scratch.db');

export async function handler(event, context) {
  await writeFile(SCRATCH, 'x'); // want "LMI005"
  const body = await readFile(join(tmpdir(), 'model.bin')); // ok: a model unpacked once and only read per request
  fs.writeFileSync(`${tmpdir()}/state.json`, '{}'); // want "LMI005"
  const mine = join(tmpdir(), randomUUID());
  await writeFile(mine, 'x'); // ok: random name per invocation
  await writeFile(join(tmpdir(), context.awsRequestId, 'out.txt'), 'x'); // ok: request id folder
  return body.length;
}
