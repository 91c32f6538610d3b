// LMI010 on Node.js: CPU-bound work on the event loop of a worker that
// interleaves 64 invocations per vCPU by default.
import sharp from 'sharp';
import zlib from 'node:zlib';
import { gzip, brotliCompressSync } from 'node:zlib';
import crypto, { pbkdf2 } from 'node:crypto';
import bcrypt from 'bcrypt';
import bcryptjs from 'bcryptjs';
import { promisify } from 'node:util';

const gzipAsync = promisify(gzip);
const pbkdf2Async = promisify(pbkdf2);
const key = crypto.pbkdf2Sync('secret', 'salt', 100000, 32, 'sha256'); // ok: at init, once per worker

export const handler = async (event) => {
  const thumb = await sharp(Buffer.from(event.image, 'base64')).resize(200).toBuffer(); // want "LMI010"
  const packed = zlib.gzipSync(thumb); // want "LMI010"
  const again = zlib.gunzipSync(packed); // ok: decompression is cheap (every log-subscription handler does it)
  const twice = zlib.gzipSync(again); // ok: one note per kind of work in a function
  const viaPool = await gzipAsync(twice); // ok: async zlib runs on libuv's thread pool
  const hash = crypto.createHash('sha256').update(viaPool).digest('hex'); // ok: hashing a buffer is cheap
  const derived = await pbkdf2Async(event.password, 'salt', 100000, 32, 'sha256'); // ok: async PBKDF2 runs on the thread pool
  const slow = crypto.scryptSync(event.password, 'salt', 64); // want "LMI010"
  const ok = await bcrypt.compare(event.password, event.stored); // ok: native bcrypt's async form runs on the thread pool
  return { hash, derived: derived.length, slow: slow.length, ok, key: key.length };
};

export const brotliHandler = async (event) => {
  return brotliCompressSync(Buffer.from(event.body)); // want "LMI010"
};

export const legacyHashHandler = async (event) => {
  return bcryptjs.hash(event.password, 12); // want "LMI010"
};
