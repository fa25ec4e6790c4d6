// Runs bench techniques under Node:
//   node bench-host.mjs <bench dir> <artifact dir> <request JSON>
// The request is `{ techniques: [...], settings: {...} }` (see lib/bench.mjs).
// Prints one `bench-result {...}` line per technique, then exits 0; exits 1
// when the bench itself could not run. Waits for stdout to flush.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { runBench } from './lib/bench.mjs';
import { nodeEnvironment } from './lib/env/node/env.mjs';
import { createSession } from './lib/env/session.mjs';

const [benchDir, artifactDir, requestText] = process.argv.slice(2);
if (!benchDir || !artifactDir || !requestText) {
  console.error('usage: node bench-host.mjs <bench dir> <artifact dir> <request JSON>');
  process.exit(2);
}

const exitAfterFlush = (code) =>
  Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))),
  ).then(() => process.exit(code));

const session = createSession(nodeEnvironment(artifactDir), {
  print: (line) => process.stdout.write(`${line}\n`),
  // Timed code must not pay for the event trace the chapters record.
  trace: false,
  onWorkerFailure: (error) => {
    session.flush();
    process.stderr.write(`bench error: ${error?.stack ?? error}\n`);
    exitAfterFlush(1);
  },
});

try {
  const { techniques, settings } = JSON.parse(requestText);
  await runBench(
    session.host,
    techniques,
    settings,
    (harness) => import(pathToFileURL(join(benchDir, harness)).href),
    session.print,
  );
  await session.finish();
  await exitAfterFlush(0);
} catch (error) {
  session.flush();
  process.stderr.write(`bench error: ${error?.stack ?? error}\n`);
  await exitAfterFlush(1);
}
