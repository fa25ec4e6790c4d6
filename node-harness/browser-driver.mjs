// Drives one headless Chromium for a whole runner run, through playwright-core:
//   node browser-driver.mjs <chromium>
// Chromium starts once. A "fresh" request gets a fresh browser context (its
// own cookies, storage and cache) and one page, closed when it is done. A
// "shared" one runs in a host page kept from an earlier shared run, without
// a navigation, when there is one (see lib/env/browser/page-reuse.mjs for
// when a page is kept); otherwise as a fresh one, whose page may then be kept.
//
// Protocol, one JSON object per line:
//   stdout, first:  { "ready": true, "version": "148.0..." }  or  { "fatal": "why" }
//   stdin:          { "id": 1, "url": "http://127.0.0.1:.../host/host.html?...", "timeLimitMs": 10000,
//                     "page": "fresh" | "shared" }
//   stdout:         { "id": 1, "code": 0, "stdout": "the page's lines, then records (lib/wire.json)", "stderr": "notes" }
//   stdout, last:   { "fatal": "Chromium disconnected" } when the browser dies
// Codes, as the runner reads them:
//   0  the page finished          1  the harness threw, the module trapped or the page crashed
//   3  the page could not be driven, or ran nothing
//   4  the page did not finish within the time limit
// The driver exits when stdin closes (0), or when Chromium cannot start or
// dies (3). Notes for people go to stderr.
import { appendFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';

import { CHROMIUM_FLAGS } from './chromium-flags.mjs';
import {
  readPageState,
  startInPage,
  waitUntilFinished,
  whyNotReusable,
} from './lib/env/browser/page-state.mjs';
import { recordLine } from './lib/wire.mjs';

const [chromiumPath] = process.argv.slice(2);
if (!chromiumPath) {
  console.error('usage: node browser-driver.mjs <chromium>');
  process.exit(2);
}

// Set by whoever measures where a browser run's time goes (see bench/browser-phases.sh):
// one JSON line per launch, one when a page's lesson starts ({ started: url }) and one per
// page when it is done, appended to this file; never read by the runner.
const PHASES_FILE = process.env.WORKBOOK_BROWSER_PHASES;
const recordPhases = (phases) => {
  if (PHASES_FILE) appendFileSync(PHASES_FILE, `${JSON.stringify(phases)}\n`);
};
const phaseClock = () => {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const spent = now - last;
    last = now;
    return Math.round(spent);
  };
};

const LAUNCH_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 5_000;

const send = (message) =>
  new Promise((done) => process.stdout.write(`${JSON.stringify(message)}\n`, done));

async function fatal(why) {
  await send({ fatal: why });
  process.exit(3);
}

let playwright;
try {
  playwright = await import('playwright-core');
} catch (error) {
  await fatal(
    `playwright-core is not installed in node-harness (\`npm ci\` in node-harness installs the pinned version): ${error.message}`,
  );
}

let browser;
const launchClock = phaseClock();
try {
  browser = await playwright.chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: LAUNCH_TIMEOUT_MS,
  });
} catch (error) {
  await fatal(`could not start Chromium \`${chromiumPath}\`: ${error.message}`);
}
recordPhases({ launchMs: launchClock() });
let closing = false;
browser.on('disconnected', () => {
  if (!closing) fatal('Chromium disconnected: the browser crashed or was killed');
});
await send({ ready: true, version: browser.version() });

const lines = createInterface({ input: process.stdin });
const running = new Set();
lines.on('line', (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    console.error(`ignored a request that is not JSON: ${line}`);
    return;
  }
  const run = runPage(request).then(send, (error) =>
    send({ id: request.id, code: 3, stdout: '', stderr: `the driver failed: ${error?.stack ?? error}\n` }),
  );
  running.add(run);
  run.finally(() => running.delete(run));
});
lines.on('close', async () => {
  await Promise.all(running);
  closing = true;
  await Promise.race([browser.close(), delay(CLOSE_TIMEOUT_MS)]);
  process.exit(0);
});

// Host pages that finished a run and may run another in place, each in a
// context of its own; at most one per core, as the runner runs at most that many at once.
const idlePages = [];
const IDLE_PAGES_KEPT = availableParallelism();

async function runPage({ id, url, timeLimitMs, page: pageKind }) {
  const stderr = [];
  const note = (text) => stderr.push(`${text}\n`);
  const clock = phaseClock();
  const phases = { url, page: pageKind ?? 'fresh' };
  const shared = pageKind === 'shared';
  const host = (shared && (await startInIdlePage(url))) || (await openPage(phases, clock));
  phases.reused = host.reused;
  let kept = false;
  try {
    const pageErrors = [];
    let crashed = false;
    const onPageError = (error) => pageErrors.push(String(error?.stack ?? error));
    const onCrash = () => {
      crashed = true;
      pageErrors.push('the page crashed');
    };
    host.page.on('pageerror', onPageError);
    host.page.on('crash', onCrash);
    const outcome = await Promise.race([
      (host.reused ? Promise.resolve() : host.page.goto(url, { waitUntil: 'load', timeout: 0 }))
        .then(() => {
          phases.navigationMs = clock();
          // A fact for whoever waits for the lesson to be under way (a test that kills Chromium then).
          recordPhases({ started: url });
          return waitUntilFinished(host.page, { timeout: 0, polling: 25 });
        })
        .then(() => {
          phases.lessonMs = clock();
        })
        .then(() => 'finished', (error) => `the page could not be driven: ${error.message}`),
      delay(timeLimitMs).then(() => 'timed out'),
    ]);
    // A page that is still busy may never answer; then there is nothing to print.
    const run = crashed ? null : await withinMs(1000, readPageState(host.page));
    const stdout = printedLines(run);
    note(`Chromium ${browser.version()}: crossOriginIsolated = ${run?.crossOriginIsolated ?? 'unknown'}`);
    if (run && !run.crossOriginIsolated) {
      note(
        'the page is not cross-origin isolated: it was served without Cross-Origin-Opener-Policy: same-origin ' +
          'and Cross-Origin-Embedder-Policy: require-corp, so SharedArrayBuffer is unavailable and workers cannot share memory',
      );
    }
    for (const error of pageErrors) note(`page error: ${error}`);
    const code = exitCode({ crashed, outcome, run, url, timeLimitMs, note });
    host.page.off('pageerror', onPageError);
    host.page.off('crash', onCrash);
    kept = shared && code === 0 && pageErrors.length === 0 && (await keepIdle(host, phases));
    return { id, code, stdout, stderr: stderr.join('') };
  } finally {
    if (!kept) await closeContext(host.context);
    phases.closeMs = clock();
    recordPhases(phases);
  }
}

// A fresh context and page, to be navigated to the run's URL.
async function openPage(phases, clock) {
  const context = await browser.newContext();
  phases.contextMs = clock();
  try {
    const page = await context.newPage();
    phases.pageMs = clock();
    return { context, page, reused: false };
  } catch (error) {
    await closeContext(context);
    throw error;
  }
}

// An idle host page of `url`'s origin, with the run of `url` started in it;
// null when there is none, or it could not start the run (it is then closed).
async function startInIdlePage(url) {
  const { origin, search } = new URL(url);
  const index = idlePages.findIndex((host) => host.origin === origin);
  if (index < 0) return null;
  const [host] = idlePages.splice(index, 1);
  const started = await withinMs(CLOSE_TIMEOUT_MS, startInPage(host.page, search));
  if (started === true) return { ...host, reused: true };
  await closeContext(host.context);
  return null;
}

// Keeps `host` for the next run when the run left it as it was loaded.
async function keepIdle(host, phases) {
  const why = await withinMs(CLOSE_TIMEOUT_MS, whyNotReusable(host.page), 'the page did not answer');
  if (why !== null) phases.notReusable = why;
  if (why !== null || idlePages.length >= IDLE_PAGES_KEPT) return false;
  idlePages.push({ context: host.context, page: host.page, origin: new URL(host.page.url()).origin });
  return true;
}

function closeContext(context) {
  return Promise.race([context.close().catch(() => {}), delay(CLOSE_TIMEOUT_MS)]);
}

// What `promise` resolves to, or `fallback` when it fails or takes longer than `ms`.
function withinMs(ms, promise, fallback = null) {
  return Promise.race([promise.catch(() => fallback), delay(ms).then(() => fallback)]);
}

// The page's lines, then the driver's records, after everything the harness printed.
function printedLines(run) {
  const printed = [
    ...(run?.lines ?? []),
    ...(run?.state === 'failed' && run.failure ? [run.failure] : []),
    recordLine('page', { cross_origin_isolated: run ? run.crossOriginIsolated === true : null }),
  ];
  return printed.map((line) => `${line}\n`).join('');
}

// The code the runner reads (see the protocol above), with a note on why.
function exitCode({ crashed, outcome, run, url, timeLimitMs, note }) {
  if (crashed) {
    note('the page crashed (its renderer process died); the next page gets a fresh one');
    return 1;
  }
  if (outcome === 'timed out') {
    note(`timed out after ${timeLimitMs} ms; the page's state was "${run?.state ?? 'unknown: the page did not answer, or is not the host page'}"`);
    return 4;
  }
  if (outcome !== 'finished') {
    note(outcome);
    return 3;
  }
  if (run?.state === 'done') return 0;
  if (run?.state === 'failed') {
    if (!run.failure) note(`the page failed without a failure record: ${run.error}`);
    return 1;
  }
  note(`the page ran no variant (state "${run?.state}"): check the URL ${url}`);
  return 3;
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
