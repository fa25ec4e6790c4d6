// One exercise run in the page: build the learner's files, run the
// exercise's check with the browser environment of the host (the same
// session as the Chromium engine page), and judge the log as the runner does.

import { artifactUrl, browserPageEnvironment, fetchBytes, siteUrl } from '../lib/env/browser/env.mjs';
import { createSession } from '../lib/env/session.mjs';
import { DETAIL_PREFIX } from '../lib/host/host.mjs';
import { parseTraceLine } from '../lib/trace/tracer.mjs';
import { buildWat, BuildFailure } from './build.mjs';
import { lineDiff, normalizeLog } from './diff.mjs';
import { linkedText, linkLearnerModules, moduleBlobUrl } from './link.mjs';

/** The text at `url`; a missing file is an error that names it. */
export async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.text();
}

async function buildModules(exercise, files, dirUrl) {
  const built = new Map();
  for (const module of exercise.modules) {
    const url = new URL(module.source, dirUrl);
    // A file the caller did not pass is built as the site has it.
    const learnerFile = Object.keys(files).find((file) => new URL(file, dirUrl).href === url.href);
    const text = learnerFile === undefined ? await fetchText(url) : files[learnerFile];
    built.set(module.name, await buildWat(learnerFile ?? module.source, text, module.wasm_opt));
  }
  return built;
}

function withTimeLimit(promise, seconds) {
  let timer;
  const expired = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new BuildFailure('harness', `the check did not finish within ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// A browser reports an unhandled rejection in a task of its own, after the
// microtasks: two turns of the event loop let it arrive while we still listen,
// as Node fails the harness for it before the process ends.
function afterPendingEvents() {
  const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
  return turn().then(turn);
}

/** Routes the page's uncaught errors to the session while `body` runs. */
async function catchingUncaught(session, fail, body) {
  const onError = (event) => {
    event.preventDefault();
    if (!session.takeUncaught(event.error ?? event.message)) fail(event.error ?? event.message);
  };
  const onRejection = (event) => {
    event.preventDefault();
    if (!session.takeUncaught(event.reason)) fail(event.reason);
  };
  addEventListener('error', onError);
  addEventListener('unhandledrejection', onRejection);
  try {
    return await body();
  } finally {
    await afterPendingEvents();
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
  }
}

async function runCheck(exercise, built, learnerModules, { print, live }) {
  const dirUrl = siteUrl(exercise.dir);
  const checkUrl = new URL(exercise.harness, dirUrl).href;
  // A chapter listing's reader may edit the harness itself.
  const checkBlob = learnerModules.get(checkUrl) ??
    moduleBlobUrl(linkedText(await fetchText(checkUrl), checkUrl, learnerModules));
  const env = browserPageEnvironment(exercise.chapter);
  env.loadWasm = async (name) => built.get(name) ?? fetchBytes(artifactUrl(exercise.chapter, name));
  let lateFailure = null;
  const session = createSession(env, { print, live, onWorkerFailure: (error) => { lateFailure ??= error; } });
  const startWorker = session.host.startWorker;
  const workerBlobs = [];
  // A worker's module may import the learner's files too: it starts from a linked copy.
  session.host.startWorker = async (url, options) => {
    const href = String(url);
    if (learnerModules.has(href)) return startWorker(learnerModules.get(href), options);
    workerBlobs.push(moduleBlobUrl(linkedText(await fetchText(href), href, learnerModules)));
    return startWorker(workerBlobs.at(-1), options);
  };
  const fail = (error) => { lateFailure ??= error; };
  try {
    await catchingUncaught(session, fail, () => withTimeLimit(
      import(checkBlob).then((harness) => session.runHarness(harness, exercise.harness)),
      exercise.time_limit_secs,
    ));
  } catch (error) {
    lateFailure ??= error;
  } finally {
    session.flush();
    await session.finish();
    for (const blob of [checkBlob, ...workerBlobs]) URL.revokeObjectURL(blob);
  }
  if (lateFailure) throw lateFailure instanceof BuildFailure ? lateFailure : new BuildFailure('harness', describe(lateFailure));
}

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Runs `exercise` (or a chapter variant, listed in the same shape) on the learner's `files`.
 * @returns {Promise<{status: 'pass'|'fail'|'error', stage: string, log: string, diff?: object[], message?: string}>}
 */
export async function runExercise(exercise, files, { onLine = () => {}, live = null } = {}) {
  const printed = [];
  const print = (line) => {
    if (parseTraceLine(line)) return live?.(parseTraceLine(line));
    printed.push(line);
    onLine(line);
  };
  const dirUrl = siteUrl(exercise.dir);
  const learnerModules = linkLearnerModules(files, dirUrl);
  const compared = () => printed.filter((line) => !line.startsWith(DETAIL_PREFIX)).join('\n');
  try {
    const built = await buildModules(exercise, files, dirUrl);
    await runCheck(exercise, built, learnerModules, { print, live });
    const expected = normalizeLog(await fetchText(siteUrl(exercise.expected)));
    const logged = normalizeLog(compared());
    if (expected === logged) return { status: 'pass', stage: 'log', log: logged };
    return { status: 'fail', stage: 'log', log: logged, diff: lineDiff(expected.split('\n'), logged.split('\n')) };
  } catch (error) {
    if (error instanceof BuildFailure) {
      return { status: 'fail', stage: error.stage, log: compared(), message: error.message };
    }
    return { status: 'error', stage: 'page', log: compared(), message: describe(error) };
  } finally {
    for (const url of learnerModules.values()) URL.revokeObjectURL(url);
  }
}
