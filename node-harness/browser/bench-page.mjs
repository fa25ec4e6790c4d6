// Runs bench techniques in this page: bench.html?request=<JSON>, the request
// `runner bench --browser` sends (see ../lib/bench.mjs). Keeps its state in
// `globalThis.workbookRun`, as the host page does, so the same driver reads it.
import { runBench } from '../lib/bench.mjs';
import { createHost } from '../lib/host.mjs';
import { failureLine } from '../lib/wire.mjs';
import { attachWorkers, createLogSequencer } from '../lib/workers.mjs';
import { artifactUrl, browserEngine, fetchBytes, packageFileUrl } from './browser-env.mjs';
import { browserWorkerSpawner } from './browser-workers.mjs';

/** The suite the runner serves the bench as: /chapters/bench/ and /artifacts/bench/. */
const BENCH = 'bench';

const run = {
  state: 'loading',
  lines: [],
  error: null,
  failure: null,
  crossOriginIsolated: globalThis.crossOriginIsolated === true,
};
globalThis.workbookRun = run;

const element = (id) => document.getElementById(id);

function setState(state, text) {
  run.state = state;
  element('status').textContent = text;
}

function fail(error) {
  if (run.state === 'failed') return;
  run.error = String(error?.stack ?? error);
  run.failure = failureLine(error, [new URL('./', import.meta.url).href]);
  element('error').hidden = false;
  element('error').textContent = `bench error: ${run.error}`;
  setState('failed', 'failed');
}

function print(line) {
  run.lines.push(line);
  element('log').append(`${line}\n`);
}

async function main() {
  const request = JSON.parse(new URLSearchParams(location.search).get('request') ?? 'null');
  if (!request) throw new Error('bench.html needs ?request=<JSON> (runner bench --browser sends it)');
  setState('running', `running ${request.techniques.length} techniques…`);
  const log = createLogSequencer(print);
  const host = createHost({
    loadWasm: (name) => fetchBytes(artifactUrl(BENCH, name)),
    importGlue: (name) => import(artifactUrl(BENCH, name, 'mjs')),
    loadPackageFile: (path) => fetchBytes(packageFileUrl(path)),
    print: log.print,
    engine: browserEngine(),
    // Timed code must not pay for the event trace the chapters record.
    trace: false,
  });
  const workers = attachWorkers(host, {
    spawn: browserWorkerSpawner({ chapter: BENCH }),
    sequencer: log,
    onUncaughtError: fail,
  });
  await runBench(
    host,
    request.techniques,
    request.settings,
    (harness) => import(`/chapters/${BENCH}/${harness}`),
    log.print,
  );
  await workers.terminateAll();
  await log.drain();
  if (run.state === 'running') setState('done', 'done');
}

main().catch(fail);
