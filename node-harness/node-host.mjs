// Runs one chapter harness under Node:
//   node node-host.mjs <harness.mjs> <artifact dir>
// Prints the harness's log on stdout. Exit codes: 0 when run(host) resolved,
// 1 when it threw; Node itself exits 13 when run(host) can never settle.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { createHost } from './lib/host.mjs';
import { nodeWorkerSpawner } from './lib/node-workers.mjs';
import { attachWorkers, createLogSequencer } from './lib/workers.mjs';

const [harnessPath, artifactDir] = process.argv.slice(2);
if (!harnessPath || !artifactDir) {
  console.error('usage: node node-host.mjs <harness.mjs> <artifact dir>');
  process.exit(2);
}

// Lines from the harness and its workers, printed in the order they were logged.
const log = createLogSequencer((line) => process.stdout.write(`${line}\n`));

function fail(error) {
  log.flush();
  console.error(`harness error: ${error?.stack ?? error}`);
  process.exit(1);
}
process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);

const host = createHost({
  loadWasm: (name) => readFile(join(artifactDir, `${name}.wasm`)),
  print: log.print,
  engine: { name: 'node', version: process.versions.node },
});
const workers = attachWorkers(host, {
  spawn: nodeWorkerSpawner({ artifactDir }),
  sequencer: log,
  onUncaughtError: fail,
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
await workers.terminateAll();
await log.drain();
// Leftover timers or workers must not keep a finished harness alive.
process.exit(0);
