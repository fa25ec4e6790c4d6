// The host API that every chapter harness receives as `run(host)`.
// It uses only web-standard JavaScript; each environment (node-host.mjs, a
// browser page) supplies the few primitives it cannot provide itself.

import { createAsyncifyDriver } from './asyncify.mjs';
import { createQuickJSAccess } from './quickjs.mjs';
import { traceBuiltins } from './trace-builtins.mjs';
import { createTracer, nameExports, silentTracer, traceImports } from './trace.mjs';
import { DETAIL_PREFIX } from './wire.mjs';

/** Prefix of detail lines (defined in wire.json): raw numbers shown with --verbose, never compared. */
export { DETAIL_PREFIX };

/**
 * Builds a host from environment primitives.
 * @param {object} env
 * @param {(name: string) => Promise<BufferSource>} env.loadWasm bytes of `<name>.wasm`
 * @param {(name: string) => Promise<object>} [env.importGlue] the ES module `<name>.mjs` that
 *   Emscripten built beside `<name>.wasm`
 * @param {(line: string) => void} env.print writes one output line
 * @param {{name: string, version: string}} env.engine what is running the harness
 * @param {(path: string) => Promise<BufferSource>} [env.loadPackageFile] bytes of a file
 *   in node-harness/node_modules (QuickJS's wasm); absent in workers
 * @param {string} [env.thread] `main`, or the worker's name: names the trace's lanes
 * @param {(event: object) => void} [env.live] receives live-only trace events (the host page)
 * @param {boolean} [env.trace] false: record no trace and wrap nothing (imports, Atomics,
 *   JSPI), so `runner bench` times the techniques, not the tracing
 */
export function createHost({ loadWasm, importGlue, print, engine, loadPackageFile, thread, live, trace = true }) {
  const uncaughtWaiters = [];
  const quickjs = createQuickJSAccess(loadPackageFile);
  const tracer = trace ? createTracer({ print, thread, live }) : silentTracer(thread);
  if (trace) traceBuiltins(tracer);
  const timers = overlapAwareTimers(tracer);
  const host = {
    engine,

    /** For the host's own plumbing (workers.mjs): records trace events (see trace.mjs). */
    tracer,

    // ANCHOR: trace
    /**
     * Marks a step of the lesson in the event trace (a note on this thread's
     * lane), where the host's plumbing cannot see it: the runner draws it, and
     * the host page shows it on its live timeline. Not part of the log.
     */
    trace(text) {
      tracer.note('js', String(text));
    },
    // ANCHOR_END: trace

    // ANCHOR: log_fact_detail
    /** Logs one fact line; these lines are compared with the expected log. */
    log(...parts) {
      print(parts.join(' '));
    },

    /** Logs `label: yes` or `label: no`; a fact, never a raw timing. */
    fact(label, condition) {
      print(`${label}: ${condition ? 'yes' : 'no'}`);
    },

    /** Logs a raw value (a timing, a count) that is not compared; see --verbose. */
    detail(...parts) {
      print(DETAIL_PREFIX + parts.join(' '));
    },
    // ANCHOR_END: log_fact_detail

    /** Milliseconds since an arbitrary origin, with sub-millisecond precision. */
    now() {
      return performance.now();
    },

    // ANCHOR: sleep
    /**
     * Waits through the event loop until at least `ms` milliseconds have
     * passed by `now()`, and resolves to the whole milliseconds that passed.
     * Always gives the event loop at least one turn, even for `sleep(0)`.
     * A single timer is not enough: Node counts timers in whole milliseconds,
     * so one can end up to a millisecond early; whatever is left is waited again.
     */
    async sleep(ms) {
      const started = performance.now();
      // A computed delay differs run to run; the trace keeps only whole, written ones.
      const shown = Number.isInteger(ms) ? ms : '…';
      timers.started(`setTimeout: sleep(${shown})`);
      do {
        const left = Math.max(0, Math.ceil(started + ms - performance.now()));
        await new Promise((resolve) => setTimeout(resolve, left));
      } while (performance.now() - started < ms);
      timers.fired(`timer fired: sleep(${shown}) is over`);
      return Math.floor(performance.now() - started);
    },
    // ANCHOR_END: sleep

    // ANCHOR: compile_instantiate
    /** Compiles the built module `<name>.wasm`. */
    async compile(name) {
      return WebAssembly.compile(await loadWasm(name));
    },

    /**
     * Instantiates the built module `<name>.wasm` with `imports`.
     * A missing export is reported by name as soon as the harness reads it.
     */
    async instantiate(name, imports = {}) {
      const module = await host.compile(name);
      const instance = await WebAssembly.instantiate(module, trace ? traceImports(tracer, imports) : imports);
      if (trace) nameExports(instance.exports);
      return { module, instance, exports: strictExports(name, instance.exports) };
    },
    // ANCHOR_END: compile_instantiate

    // ANCHOR: emscripten
    /**
     * Starts the Emscripten module `<name>`: imports its glue `<name>.mjs`
     * and calls the factory with the bytes of `<name>.wasm`, so the glue
     * never fetches or reads a file itself. `options` go to the factory;
     * the program's stdout and stderr become detail lines.
     */
    async emscripten(name, options = {}) {
      if (!importGlue) throw new Error('this host cannot load Emscripten glue');
      const glue = await importGlue(name);
      return glue.default({
        wasmBinary: await loadWasm(name),
        print: (line) => host.detail(`${name} stdout: ${line}`),
        printErr: (line) => host.detail(`${name} stderr: ${line}`),
        ...options,
      });
    },
    // ANCHOR_END: emscripten

    /**
     * Resolves with the next error that nothing caught (a throw in a timer, a
     * rejection nobody handled), instead of failing the run: for a lesson
     * whose point is such an error.
     */
    nextUncaughtError() {
      return new Promise((resolve) => uncaughtWaiters.push(resolve));
    },

    /** For the environment: hands `error` to a waiting harness; false when none waits. */
    takeUncaught(error) {
      const waiter = uncaughtWaiters.shift();
      waiter?.(error);
      return waiter !== undefined;
    },

    // ANCHOR: asyncify
    /** A driver for one instance of a module built with `wasm-opt --asyncify` (see asyncify.mjs). */
    asyncify() {
      return createAsyncifyDriver(tracer);
    },
    // ANCHOR_END: asyncify

    // ANCHOR: ticker
    /**
     * The QuickJS-ng engine, build 'sync' or 'asyncify', from the pinned
     * quickjs-emscripten packages (see quickjs.mjs): `{ build, package,
     * wasmBytes, newContext() }`. Every handle a context returns must be
     * disposed before the context, and every context before the run ends.
     */
    quickjs(build) {
      return quickjs.quickjs(build);
    },

    /** Run by the environment after `run(host)` resolved: fails on what the harness left open. */
    assertReleased() {
      quickjs.assertContextsDisposed();
    },

    /**
     * Starts an event-loop probe: a 1 ms interval timer that counts how many
     * of its callbacks ran. `stop()` ends it and returns the count. A count of
     * 0 across an interval means the event loop never got a turn.
     */
    ticker() {
      let ticks = 0;
      tracer.arrow('js', 'timers', 'ticker started: a 1 ms interval');
      const id = setInterval(() => {
        ticks += 1;
        tracer.live('timers', `tick ${ticks}`);
      }, 1);
      return {
        stop() {
          clearInterval(id);
          tracer.arrow('js', 'timers', 'ticker stopped');
          return ticks;
        },
      };
    },
    // ANCHOR_END: ticker
  };
  return host;
}

// Sleeps that overlap fire in an order that depends on timing, not on the
// lesson. From the moment a sleep starts while another is pending until none
// is, their events go to the live view only, and one note says so.
function overlapAwareTimers(tracer) {
  let pending = 0;
  let overlapping = false;
  return {
    started(text) {
      pending += 1;
      if (pending > 1 && !overlapping) {
        overlapping = true;
        tracer.note('timers', 'sleeps overlap: the order of their timers is left out');
      }
      if (overlapping) tracer.live('timers', text);
      else tracer.arrow('js', 'timers', text);
    },
    fired(text) {
      pending -= 1;
      if (overlapping) tracer.live('timers', text);
      else tracer.arrow('timers', 'js', text);
      if (pending === 0) overlapping = false;
    },
  };
}

// WebAssembly export objects return undefined for unknown names, which turns a
// renamed export into a distant "is not a function"; name it here instead.
function strictExports(moduleName, exports) {
  return new Proxy(exports, {
    get(target, property) {
      if (typeof property === 'string' && !(property in target) && property !== 'then') {
        const known = Object.keys(target).join(', ') || '(none)';
        throw new Error(
          `module "${moduleName}" has no export "${property}" (it exports: ${known})`,
        );
      }
      return target[property];
    },
  });
}
