// The lesson's API: the `host` that every chapter harness receives as
// `run(host)`. It uses only web-standard JavaScript, and holds nothing of the
// environment it runs in: what it cannot do itself (load a file, start a
// worker) comes in `env`, and the plumbing it records to (the tracer, the
// uncaught-error router) comes from the environment's session (env/session.mjs).

import { traceExports } from '../trace/exports.mjs';
import { traceImports } from '../trace/imports.mjs';
import { createAsyncifyDriver } from './asyncify/driver.mjs';
import { DETAIL_PREFIX } from '../wire.mjs';
import { createTime } from './time.mjs';

/** Prefix of detail lines (defined in wire.json): raw numbers shown with --verbose, never compared. */
export { DETAIL_PREFIX };

/**
 * Builds a host.
 * @param {object} parts
 * @param {object} parts.env what the environment provides (see env/session.mjs):
 *   `loadWasm(name)`, `importGlue(name)` (optional), `engine: { name, version }`
 * @param {(line: string) => void} parts.print writes one output line, in log order
 * @param {object} parts.tracer this thread's tracer (trace/tracer.mjs)
 * @param {{next(): Promise<unknown>}} parts.uncaught errors nothing caught (uncaught.mjs)
 * @param {{quickjs(build: string): Promise<object>}} parts.quickjs the engines (quickjs.mjs)
 * @param {Function} [parts.startWorker] `startWorker` (workers.mjs); absent in a worker
 */
export function createHost({ env, print, tracer, uncaught, quickjs, startWorker }) {
  const { loadWasm, importGlue, engine } = env;
  const time = createTime(tracer);
  const host = {
    engine,

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

    /** See time.mjs. */
    sleep: time.sleep,
    /** See time.mjs. */
    ticker: time.ticker,

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
      const traced = tracer.recording ? traceImports(tracer, imports) : imports;
      const instance = await WebAssembly.instantiate(module, traced);
      tracer.nameExports(instance.exports);
      const exports = tracer.recording ? traceExports(tracer, instance.exports) : instance.exports;
      return { module, instance, exports: strictExports(name, exports) };
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
      return uncaught.next();
    },

    // ANCHOR: asyncify
    /** A driver for one instance of a module built with `wasm-opt --asyncify` (see asyncify/driver.mjs). */
    asyncify() {
      return createAsyncifyDriver(tracer);
    },
    // ANCHOR_END: asyncify

    /**
     * The QuickJS-ng engine, build 'sync' or 'asyncify', from the pinned
     * quickjs-emscripten packages (see quickjs.mjs): `{ build, package,
     * wasmBytes, newContext() }`. Every handle a context returns must be
     * disposed before the context, and every context before the run ends.
     */
    quickjs(build) {
      return quickjs.quickjs(build);
    },
  };
  if (startWorker) {
    /** Starts a worker thread running a module's `run(host)`: see workers.mjs. */
    host.startWorker = startWorker;
  }
  return host;
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
