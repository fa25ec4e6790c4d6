// Checks chapters/atomics/dev_server.mjs end to end:
//   node dev-server-check.mjs <chromium> <folder>
// <folder> holds dev-server-page/'s files and a module.wasm; a secret.txt
// beside it must never be served. Prints one JSON object: the status and
// headers of raw requests (sent over a socket, as a browser would not), and
// what the page reported in Chromium.
import net from 'node:net';

import { chromium } from 'playwright-core';

import { startServer } from '../chapters/atomics/dev_server.mjs';
import { CHROMIUM_FLAGS } from './chromium-flags.mjs';

const [chromiumPath, folder] = process.argv.slice(2);

// A hung browser must not hang the test that runs this: give up, and let
// playwright close Chromium as the process exits.
const TIME_LIMIT_MS = 180_000;
setTimeout(() => {
  console.error('dev-server check: gave up after ' + TIME_LIMIT_MS / 1000 + ' s');
  process.exit(3);
}, TIME_LIMIT_MS).unref();

const RAW_PATHS = [
  '/index.html?v=1',
  '/module.wasm?v=2#frag',
  '/worker.mjs',
  '/page%20name.html',
  '/../secret.txt',
  '/%2e%2e/secret.txt',
  '/%2E%2E%2fsecret.txt',
  '/..%5csecret.txt',
  '/escape/secret.txt',
  '/index.html%00.txt',
  '/%zz',
];

function rawRequest(port, method, target) {
  return new Promise((answered, failed) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', failed);
    socket.on('end', () => {
      const [head] = text.split('\r\n\r\n');
      const [status, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => line.split(/:\s*/, 2)).map(([k, v]) => [k.toLowerCase(), v]),
      );
      answered({
        target,
        method,
        status: Number(status.split(' ')[1]),
        type: headers['content-type'] ?? null,
        coop: headers['cross-origin-opener-policy'] ?? null,
        coep: headers['cross-origin-embedder-policy'] ?? null,
        secretLeaked: text.includes('SECRET'),
      });
    });
  });
}

async function inChromium(url) {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}index.html?v=1`);
    return await page.evaluate(() => window.report);
  } finally {
    await browser.close();
  }
}

const server = await startServer(folder, 0);
const port = Number(new URL(server.url).port);
try {
  const requests = [];
  for (const target of RAW_PATHS) requests.push(await rawRequest(port, 'GET', target));
  requests.push(await rawRequest(port, 'POST', '/index.html'));
  const page = await inChromium(server.url);
  console.log(JSON.stringify({ url: server.url, requests, page }));
} finally {
  await server.close();
}
