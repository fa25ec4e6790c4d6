// Runs one chapter harness under Node:
//   node node-host.mjs <harness.mjs> <artifact dir>
// Prints the harness's log on stdout. Exit codes: 0 when run(host) resolved,
// 1 when it threw; Node itself exits 13 when run(host) can never settle.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

const nodeModulesDir = join(dirname(fileURLToPath(import.meta.url)), 'node_modules');
const host = createHost({
  loadWasm: (name) => readFile(join(artifactDir, `${name}.wasm`)),
  loadPackageFile: (path) => readFile(join(nodeModulesDir, path)),
  print: log.print,
  engine: { name: 'node', version: process.versions.node },
});
const workers = attachWorkers(host, {
  spawn: nodeWorkerSpawner({ artifactDir }),
  sequencer: log,
  onUncaughtError: fail,
});

const harness = await importHarness(resolve(harnessPath));
if (typeof harness.run !== 'function') {
  fail(new Error(`${harnessPath} must export \`async function run(host)\``));
}
try {
  await harness.run(host);
  host.assertReleased();
} catch (error) {
  fail(error);
}
await workers.terminateAll();
await log.drain();
// Leftover timers or workers must not keep a finished harness alive.
process.exit(0);

// Node does not say which imported module a SyntaxError comes from; `node
// --check` on each module beside the harness finds the file and the line.
async function importHarness(path) {
  try {
    return await import(pathToFileURL(path).href);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const folder = dirname(path);
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.mjs')).sort()) {
      const check = spawnSync(process.execPath, ['--check', join(folder, file)], { encoding: 'utf8' });
      if (check.status !== 0) {
        const [where] = check.stderr.trim().split('\n');
        fail(`SyntaxError in ${where}: ${error.message}`);
      }
    }
    throw error;
  }
}
