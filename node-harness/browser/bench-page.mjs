// Runs bench techniques in this page: bench.html?request=<JSON>, the request
// `runner bench --browser` sends (see ../lib/bench.mjs). Keeps its state in
// `globalThis.workbookRun`, as the host page does, so the same driver reads it
// (see ../lib/env/browser/page-state.mjs).
import { runBench } from '../lib/bench.mjs';
import { browserPageEnvironment, siteUrl } from '../lib/env/browser/env.mjs';
import { publishPageState } from '../lib/env/browser/page-state.mjs';
import { createSession } from '../lib/env/session.mjs';

/** The suite the runner serves the bench as: /chapters/bench/ and /artifacts/bench/. */
const BENCH = 'bench';

const page = publishPageState();
const element = (id) => document.getElementById(id);

function setState(state, text) {
  page.setState(state);
  element('status').textContent = text;
}

function fail(error) {
  const text = page.fail(error, [new URL('./', import.meta.url).href]);
  if (text === null) return;
  element('error').hidden = false;
  element('error').textContent = `bench error: ${text}`;
  setState('failed', 'failed');
}

function print(line) {
  page.addLine(line);
  element('log').append(`${line}\n`);
}

async function main() {
  const request = JSON.parse(new URLSearchParams(location.search).get('request') ?? 'null');
  if (!request) throw new Error('bench.html needs ?request=<JSON> (runner bench --browser sends it)');
  setState('running', `running ${request.techniques.length} techniques…`);
  const session = createSession(browserPageEnvironment(BENCH), {
    print,
    // Timed code must not pay for the event trace the chapters record.
    trace: false,
    onWorkerFailure: fail,
  });
  await runBench(
    session.host,
    request.techniques,
    request.settings,
    (harness) => import(siteUrl(`chapters/${BENCH}/${harness}`)),
    session.print,
  );
  await session.finish();
  if (page.run.state === 'running') setState('done', 'done');
}

main().catch(fail);
