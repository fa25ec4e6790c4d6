// The contract between a workbook page (browser/host.html, browser/bench.html)
// and what drives it (browser-driver.mjs, timeline-probe.mjs): the page keeps
// its state in one global object, and the driver polls and reads it.
//
//   globalThis.workbookRun = {
//     state: 'loading' | 'running' | 'done' | 'failed' | 'listed' | 'not-run',
//     lines: every line printed until the run finished (detail lines and trace events included), in log order,
//     error: the failure's stack or message, when state is 'failed',
//     failure: the same failure as a record line of lib/wire.json, which the driver passes on,
//     crossOriginIsolated: whether the page may use SharedArrayBuffer,
//   }
//
// The page side runs in the browser; the driver side runs under Node with a
// playwright-core `page`, and passes the names below into the page.
import { failureLine } from '../../wire.mjs';

/** The global that holds a page's state. */
export const PAGE_STATE_GLOBAL = 'workbookRun';

/**
 * The global through which a driver runs another variant in a host page
 * that finished one (browser/browser-host.mjs):
 *   workbookHost.start(search)    resolves to true once the run started; false when it cannot
 *   workbookHost.whyNotReusable() null when the page may run another variant, else why not
 */
export const PAGE_HOST_GLOBAL = 'workbookHost';

/** States after which a page does nothing more. */
export const FINISHED_STATES = ['done', 'failed', 'not-run', 'listed'];

/** Page side: publishes a fresh state object and returns the ways to change it. */
export function publishPageState() {
  const run = {
    state: 'loading',
    lines: [],
    error: null,
    failure: null,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
  };
  globalThis[PAGE_STATE_GLOBAL] = run;
  return {
    run,
    setState(state) {
      run.state = state;
    },
    addLine(line) {
      // A line after the run finished (a timer the lesson left behind) is
      // dropped, as the Node host's process has exited by then: a page read
      // later, or kept for the next variant, reports the same run.
      if (FINISHED_STATES.includes(run.state)) return;
      run.lines.push(line);
    },
    /**
     * Records a failure and returns its text; null when the page had already failed.
     * Stack frames in the `plumbing` folders (URLs) are never the lesson's place of failure.
     */
    fail(error, plumbing = []) {
      if (run.state === 'failed') return null;
      let text = String(error?.stack ?? error);
      if (error instanceof Error && !text.includes(error.message)) {
        text = `${error.name}: ${error.message}\n${text}`;
      }
      run.error = text;
      run.failure = failureLine(error, plumbing);
      run.state = 'failed';
      return text;
    },
  };
}

/** Driver side: resolves once the page has left the 'loading' state. */
export function waitUntilStarted(page, options) {
  return page.waitForFunction(
    (name) => globalThis[name] !== undefined && globalThis[name].state !== 'loading',
    PAGE_STATE_GLOBAL,
    options,
  );
}

/** Driver side: resolves once the page is in one of the finished states. */
export function waitUntilFinished(page, options) {
  return page.waitForFunction(
    ([name, states]) => states.includes(globalThis[name]?.state),
    [PAGE_STATE_GLOBAL, FINISHED_STATES],
    options,
  );
}

/** Driver side: runs `host.html<search>` in `page`; false when the page cannot. */
export function startInPage(page, search) {
  return page.evaluate(([name, query]) => globalThis[name]?.start(query) ?? false, [PAGE_HOST_GLOBAL, search]);
}

/** Driver side: null when `page` may run another variant, else why not. */
export function whyNotReusable(page) {
  return page.evaluate(
    (name) => (globalThis[name] ? globalThis[name].whyNotReusable() : 'it is not a host page'),
    PAGE_HOST_GLOBAL,
  );
}

/** Driver side: a copy of the page's state object (undefined before the page made one). */
export function readPageState(page) {
  return page.evaluate((name) => globalThis[name], PAGE_STATE_GLOBAL);
}
