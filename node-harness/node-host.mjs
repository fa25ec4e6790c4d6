// Runs one chapter harness under Node:
//   node node-host.mjs <harness.mjs> <artifact dir>
// Prints the harness's log on stdout. Exit codes: 0 when run(host) resolved,
// 1 when it threw; Node itself exits 13 when run(host) can never settle.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { createHost } from './lib/host.mjs';

const [harnessPath, artifactDir] = process.argv.slice(2);
if (!harnessPath || !artifactDir) {
  console.error('usage: node node-host.mjs <harness.mjs> <artifact dir>');
  process.exit(2);
}

function fail(error) {
  console.error(`harness error: ${error?.stack ?? error}`);
  process.exit(1);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const host = createHost({
  loadWasm: (name) => readFile(join(artifactDir, `${name}.wasm`)),
  print: (line) => process.stdout.write(`${line}\n`),
  engine: { name: 'node', version: process.versions.node },
});

const harness = await import(pathToFileURL(resolve(harnessPath)).href);
if (typeof harness.run !== 'function') {
  fail(new Error(`${harnessPath} must export \`async function run(host)\``));
}
try {
  await harness.run(host);
} catch (error) {
  fail(error);
}
// Leftover timers or workers must not keep a finished harness alive.
process.exit(0);
