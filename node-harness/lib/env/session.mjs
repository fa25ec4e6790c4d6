// One run on the main thread, as an environment sets it up: the `host` the
// harness receives, and the plumbing the environment keeps to itself (the
// log's order, the tracer and the traced built-ins, uncaught errors, workers,
// and the checks made once the harness finished).
//
// An environment (env/node/env.mjs, env/browser/env.mjs) supplies:
//   loadWasm(name)          bytes of the built module `<name>.wasm`
//   importGlue(name)        the Emscripten glue `<name>.mjs` beside it (optional)
//   loadPackageFile(path)   bytes of a file in node-harness/node_modules
//   quickjsUnavailable      why QuickJS cannot load here (optional)
//   spawnWorker({ name })   a worker running the environment's bootstrap (host/workers.mjs)
//   engine                  { name, version } of what runs the harness

import { createHost } from '../host/host.mjs';
import { createQuickJSAccess } from '../host/quickjs.mjs';
import { createUncaughtRouter } from '../host/uncaught.mjs';
import { createWorkerStarter } from '../host/workers.mjs';
import { traceBuiltins } from '../trace/builtins.mjs';
import { createTracer, silentTracer } from '../trace/tracer.mjs';
import { createLogSequencer } from './log-order.mjs';

/**
 * @param {object} env the environment (see above)
 * @param {object} options
 * @param {(line: string) => void} options.print writes one output line
 * @param {(event: object) => void} [options.live] receives live-only trace events
 * @param {boolean} [options.trace] false: record no trace and wrap nothing (imports,
 *   Atomics, JSPI), so `runner bench` times the techniques, not the tracing
 * @param {(error: unknown) => void} options.onWorkerFailure a worker failed after
 *   its `run(host)` resolved, when nobody can be waiting for it
 */
export function createSession(env, { print, live = null, trace = true, onWorkerFailure }) {
  const log = createLogSequencer(print);
  const tracer = trace ? createTracer({ print: log.print, live }) : silentTracer();
  const restoreBuiltins = trace ? traceBuiltins(globalThis, tracer) : () => {};
  const uncaught = createUncaughtRouter();
  const quickjs = createQuickJSAccess(env);
  const workers = createWorkerStarter({
    tracer,
    spawn: env.spawnWorker,
    sequencer: log,
    onUncaughtError: onWorkerFailure,
  });
  const host = createHost({ env, print: log.print, tracer, uncaught, quickjs, startWorker: workers.startWorker });
  return {
    host,
    /** Writes one line in log order (the bench's result lines). */
    print: log.print,
    /** Prints every held line at once; for a run that is failing. */
    flush: log.flush,
    /** Hands an error nothing caught to a harness waiting in `host.nextUncaughtError()`. */
    takeUncaught: uncaught.take,
    /** Runs a harness module's `run(host)`, then fails on what it left open. */
    async runHarness(harness, shownPath) {
      if (typeof harness?.run !== 'function') {
        throw new Error(`${shownPath} must export \`async function run(host)\``);
      }
      await harness.run(host);
      quickjs.assertContextsDisposed();
    },
    /** Stops the workers, prints every line they logged, and puts the built-ins back. */
    async finish() {
      await workers.terminateAll();
      await log.drain();
      restoreBuiltins();
    },
  };
}
