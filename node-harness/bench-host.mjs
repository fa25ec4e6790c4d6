// Runs bench techniques under Node:
//   node bench-host.mjs <bench dir> <artifact dir> <request JSON>
// The request is `{ techniques: [...], settings: {...} }` (see lib/bench.mjs).
// Prints one `bench-result {...}` line per technique, then exits 0; exits 1
// when the bench itself could not run. Waits for stdout to flush.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { runBench } from './lib/bench.mjs';
import { createHost } from './lib/host.mjs';
import { nodeHostEnv } from './lib/node-env.mjs';
import { nodeWorkerSpawner } from './lib/node-workers.mjs';
import { attachWorkers, createLogSequencer } from './lib/workers.mjs';

const [benchDir, artifactDir, requestText] = process.argv.slice(2);
if (!benchDir || !artifactDir || !requestText) {
  console.error('usage: node bench-host.mjs <bench dir> <artifact dir> <request JSON>');
  process.exit(2);
}

const exitAfterFlush = (code) =>
  Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))),
  ).then(() => process.exit(code));

const log = createLogSequencer((line) => process.stdout.write(`${line}\n`));
const host = createHost({
  ...nodeHostEnv(artifactDir),
  print: log.print,
  // Timed code must not pay for the event trace the chapters record.
  trace: false,
});
const workers = attachWorkers(host, {
  spawn: nodeWorkerSpawner({ artifactDir }),
  sequencer: log,
  onUncaughtError: (error) => {
    log.flush();
    process.stderr.write(`bench error: ${error?.stack ?? error}\n`);
    exitAfterFlush(1);
  },
});

try {
  const { techniques, settings } = JSON.parse(requestText);
  await runBench(
    host,
    techniques,
    settings,
    (harness) => import(pathToFileURL(join(benchDir, harness)).href),
    log.print,
  );
  await workers.terminateAll();
  await log.drain();
  await exitAfterFlush(0);
} catch (error) {
  log.flush();
  process.stderr.write(`bench error: ${error?.stack ?? error}\n`);
  await exitAfterFlush(1);
}
