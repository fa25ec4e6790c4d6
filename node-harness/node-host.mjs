// Runs one chapter harness under Node:
//   node node-host.mjs <harness.mjs> <artifact dir>
// Prints the harness's log on stdout, with the records of lib/wire.json (a
// failure, the end of the run). Exit codes: 0 when run(host) resolved, 1 when
// it threw; Node itself exits 13 when run(host) can never settle.
// Every exit waits until stdout and stderr are flushed: writes to a pipe are
// asynchronous, and process.exit() would drop what is still queued.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { nodeEnvironment } from './lib/env/node/env.mjs';
import { createSession } from './lib/env/session.mjs';
import { failureLine } from './lib/wire.mjs';
import { lockdown } from './lockdown.mjs';
import { lineSigner } from './signed-lines.mjs';

const [harnessPath, artifactDir] = process.argv.slice(2);
if (!harnessPath || !artifactDir) {
  console.error('usage: node node-host.mjs <harness.mjs> <artifact dir>');
  process.exit(2);
}

// Every line printed carries a MAC under the runner's key for this run, kept
// in a closure out of reach of the harness and what it imports (see
// signed-lines.mjs); the runner refuses a line that does not verify, and a
// log that lacks the run-finished record, which carries the key.
// Graded runs (under the permission model) are signed; signing costs time a busy-wait lesson would count.
const signed = lineSigner('WORKBOOK_RUN_KEY', Boolean(process.permission));
// Kept before anything is imported: a module under test may replace process.stdout.write.
const writeStdout = process.stdout.write.bind(process.stdout);

let exiting = null;
// A stack frame in these files is the host's, never the lesson's place of failure.
const hostFiles = new URL('./', import.meta.url).href;

// Resolves never: the process ends once both streams have drained.
function exitAfterFlush(code) {
  exiting ??= Promise.all(
    [process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))),
  ).then(() => process.exit(code));
  return new Promise(() => {});
}

function fail(error) {
  if (exiting) return new Promise(() => {});
  session.flush();
  writeStdout(signed.line(failureLine(error, [hostFiles])));
  return exitAfterFlush(1);
}

// Lines from the harness and its workers print in the order they were logged.
const session = createSession(nodeEnvironment(artifactDir), {
  print: (line) => writeStdout(signed.line(line)),
  onWorkerFailure: fail,
});
const failUnlessAwaited = (error) => session.takeUncaught(error) || fail(error);
process.on('uncaughtException', failUnlessAwaited);
process.on('unhandledRejection', failUnlessAwaited);

// A graded run freezes the built-ins, now that the host has wrapped those it traces.
if (process.permission) lockdown();
const harness = await importHarness(resolve(harnessPath)).catch(fail);
try {
  await session.runHarness(harness, harnessPath);
} catch (error) {
  await fail(error);
}
await session.finish();
writeStdout(signed.finished());
// Leftover timers or workers must not keep a finished harness alive.
await exitAfterFlush(0);

// Node does not say which imported module a SyntaxError comes from; `node
// --check` on each module beside the harness finds the file and the line.
async function importHarness(path) {
  try {
    return await import(pathToFileURL(path).href);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    // Under the permission model (grading) no process may start; the runner locates the error.
    if (process.permission && !process.permission.has('child')) throw error;
    const folder = dirname(path);
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.mjs')).sort()) {
      const check = spawnSync(process.execPath, ['--check', join(folder, file)], { encoding: 'utf8' });
      if (check.status !== 0) {
        const [where] = check.stderr.trim().split('\n');
        return fail(`SyntaxError in ${where}: ${error.message}`);
      }
    }
    throw error;
  }
}
