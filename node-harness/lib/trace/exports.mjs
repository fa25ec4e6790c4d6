// Tracing of the calls JavaScript makes into wasm: `host.instantiate` hands
// the harness a copy of the instance's exports whose functions record each
// call (JS → wasm, with its arguments) and each return or throw (wasm → JS).
// Built-ins that need the real wasm function (WebAssembly.promising, the old
// WebAssembly.Function) get it back through `tracer.unwrap`.

import { showArguments } from './show.mjs';

/**
 * A copy of `exports` in which every function is a traced wrapper of the
 * export; memories, tables and globals are the instance's own.
 */
export function traceExports(tracer, exports) {
  const traced = {};
  for (const [name, value] of Object.entries(exports)) {
    traced[name] = typeof value === 'function' ? tracedExport(tracer, name, value) : value;
  }
  return traced;
}

function tracedExport(tracer, name, wasmFunction) {
  const wrapper = function (...args) {
    tracer.arrow('js', 'wasm', `call ${name}(${showArguments(args)})`);
    let result;
    try {
      result = Reflect.apply(wasmFunction, this, args);
    } catch (error) {
      tracer.arrow('wasm', 'js', `${name} threw ${error?.name ?? 'a value'}`);
      throw error;
    }
    // A return value can be a timing, which differs run to run: the log states those that matter.
    tracer.arrow('wasm', 'js', `${name} returned`);
    return result;
  };
  Object.defineProperty(wrapper, 'name', { value: name });
  tracer.wrapped(wrapper, wasmFunction);
  return wrapper;
}
