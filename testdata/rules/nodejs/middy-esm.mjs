import middy from '@middy/core';
import { createClient } from 'redis';
import os from 'node:os';
import fs from 'node:fs';

const TMP = os.tmpdir();
const client = createClient();
await client.connect(); // ok: top-level await is init code
let count = 0;
const state = {};

export const handler = middy()
  .use({ before: async () => {} })
  .handler(async (event) => {
    count++; // want "LMI001"
    await client.get('x'); // ok: a redis client is built for concurrent callers (pipelining); sharing it is the fix, not the hazard
    fs.writeFileSync(`${TMP}/x.json`, ''); // want "LMI005"
    Reflect.set(state, 'a', 1); // want "LMI001"
    for (const r of event.Records) {
      const n = count;
      await client.get(r.messageId); // ok: LMI004 already reported for this function
      count = n + 1; // want "LMI002" "LMI001"
    }
    if (state.conn) return state.conn;
    state.conn = { opened: Date.now() }; // ok: early-return lazy init of a property
    return state.conn;
  });
