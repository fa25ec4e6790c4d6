// The source chapter's development server for shared memory, corrected. It
// serves one folder, on loopback only, with the two headers that make a page
// cross-origin isolated (so `SharedArrayBuffer` exists), and:
// - sends each file with its MIME type: `application/wasm` for
//   `instantiateStreaming`, JavaScript for `.js` and `.mjs` module workers;
// - reads the path from the URL, so `?v=1` and `#top` are ignored and
//   percent-escapes are decoded;
// - refuses any path that leaves the folder (`..`, `%2e%2e`, backslashes,
//   NUL, a symlink that points out) with 404, never reading it;
// - is an ES module by its `.mjs` name, with no package.json needed.
// Run it with `node dev_server.mjs <folder> [port]`; port 0 picks a free one.
import { readFile, realpath, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// ANCHOR: types
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.wat': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
// ANCHOR_END: types

// ANCHOR: resolve
/** The file under `root` that `requestUrl` names, or null when it names none. */
export async function resolveRequest(root, requestUrl) {
  let pathname;
  try {
    // Only the path: a query string or a fragment does not name a file.
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return null; // a malformed escape such as %zz
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const wanted = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
  const inside = (candidate) => candidate === root || candidate.startsWith(root + path.sep);
  if (!inside(wanted)) return null;
  try {
    // A symlink inside the folder may still point out of it.
    const real = await realpath(wanted);
    return inside(real) && (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}
// ANCHOR_END: resolve

/** Serves `folder` on 127.0.0.1:`port`; resolves with the URL and a `close()`. */
export async function startServer(folder, port = 0) {
  const root = await realpath(folder);
  const server = http.createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await resolveRequest(root, request.url);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const body = await readFile(file);
    response.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      'X-Content-Type-Options': 'nosniff',
      ...ISOLATION_HEADERS,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  // Loopback only: a development server has no business on the network.
  await new Promise((listening) => server.listen(port, '127.0.0.1', listening));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, close: () => new Promise((closed) => server.close(closed)) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [folder = '.', port = '3000'] = process.argv.slice(2);
  const { url } = await startServer(folder, Number(port));
  console.log(`serving ${path.resolve(folder)} at ${url}`);
}
