// The verdict channel of a graded run: every line the host prints carries
// an HMAC-SHA256 of its number and its text, under a key the runner hands
// over in the environment, which this module takes out before any harness
// loads and keeps in a closure. A submission that writes to stdout, or
// patches process.stdout to change what the host writes, makes a line
// whose MAC does not match, and the runner fails the run.
//
// SHA-256 is written here, over numbers and typed arrays only, rather than
// taken from node:crypto, whose objects a submission could patch: the
// built-ins it uses are frozen (lockdown.mjs) before the harness loads.
import { recordLine } from './lib/wire.mjs';

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const encoder = new TextEncoder();
const rotate = (x, n) => (x >>> n) | (x << (32 - n));

const w = new Uint32Array(64);

// One SHA-256 compression of the 64 bytes at `offset` of `view` into `h`; no allocation.
function compress(h, view, offset) {
  for (let i = 0; i < 16; i += 1) w[i] = view.getUint32(offset + i * 4);
  for (let i = 16; i < 64; i += 1) {
    const x = w[i - 15];
    const y = w[i - 2];
    const s0 = rotate(x, 7) ^ rotate(x, 18) ^ (x >>> 3);
    const s1 = rotate(y, 17) ^ rotate(y, 19) ^ (y >>> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (let i = 0; i < 64; i += 1) {
    const t1 = (k + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
    const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] += a;
  h[1] += b;
  h[2] += c;
  h[3] += d;
  h[4] += e;
  h[5] += f;
  h[6] += g;
  h[7] += k;
}

// SHA-256 of `bytes`, continuing from `start` (the state after `before` bytes already hashed).
function sha256(bytes, start = INITIAL, before = 0) {
  const padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const bits = (before + bytes.length) * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);
  const h = new Uint32Array(start);
  for (let block = 0; block < padded.length; block += 64) compress(h, view, block);
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  for (let i = 0; i < 8; i += 1) out.setUint32(i * 4, h[i]);
  return digest;
}

// The states after the inner and the outer padded key: each line then costs two short hashes.
function hmacStates(key) {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const states = [0x36, 0x5c].map((pad) => {
    const padded = block.map((byte) => byte ^ pad);
    const h = new Uint32Array(INITIAL);
    compress(h, new DataView(padded.buffer), 0);
    return h;
  });
  return (message) => sha256(sha256(message, states[0], 64), states[1], 64);
}

const HEX = '0123456789abcdef';
function hex(bytes, count) {
  let text = '';
  for (let i = 0; i < count; i += 1) text += HEX[bytes[i] >> 4] + HEX[bytes[i] & 15];
  return text;
}

/**
 * Takes the key out of the environment variable `variable`. Returns `line`,
 * which turns a line into what is printed, and `finished`, the line that
 * says run(host) has finished: a `run-finished` record (lib/wire.json) that
 * carries the key itself, which a module that prints the log and exits early
 * cannot know. Signed (`sign`, in a graded run), every line is
 * `<mac> <line>`, numbered from 0, `finished` included; otherwise lines are
 * printed as they are.
 */
export function lineSigner(variable, sign) {
  const keyText = process.env[variable] ?? '';
  delete process.env[variable];
  const finishedRecord = recordLine('run-finished', { token: keyText });
  if (!sign) {
    return { line: (line) => `${line}\n`, finished: () => `${finishedRecord}\n` };
  }
  const hmac = hmacStates(encoder.encode(keyText));
  let sequence = 0;
  const line = (text) => {
    const mac = hex(hmac(encoder.encode(`${sequence}\n${text}`)), 16);
    sequence += 1;
    return `${mac} ${text}\n`;
  };
  return { line, finished: () => line(finishedRecord) };
}
