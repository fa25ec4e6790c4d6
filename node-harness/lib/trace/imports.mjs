// Tracing attached to what the host hands out: `host.instantiate` passes the
// harness's imports through `traceImports`, and names the exports it returns.

import { showArguments } from './show.mjs';

// Builtins and bound functions cannot be wrapped without changing what they
// are; functions that trace themselves must not be traced twice.
function wrappable(tracer, fn) {
  return (
    typeof fn === 'function' &&
    tracer.labelOf(fn) === undefined &&
    !Function.prototype.toString.call(fn).includes('[native code]')
  );
}

/**
 * A copy of an imports object whose JavaScript functions record each call
 * (wasm → JS, with its arguments) and each return or throw (JS → wasm).
 * Return values are left out: they can be timings, which differ run to run.
 * A self-traced value (see `tracer.selfTraced`) learns its field name instead.
 */
export function traceImports(tracer, imports) {
  const traced = {};
  for (const [moduleName, fields] of Object.entries(imports ?? {})) {
    if (fields === null || typeof fields !== 'object') {
      traced[moduleName] = fields;
      continue;
    }
    const copy = {};
    for (const [field, value] of Object.entries(fields)) {
      const label = tracer.labelOf(value);
      if (label) label.field = field;
      copy[field] = wrappable(tracer, value) ? tracedImport(tracer, field, value) : value;
    }
    traced[moduleName] = copy;
  }
  return traced;
}

function tracedImport(tracer, field, fn) {
  return function (...args) {
    tracer.arrow('wasm', 'js', `import ${field}(${showArguments(args)})`);
    let result;
    tracer.importDepth += 1; // timers started now are wasm's (see builtins.mjs)
    try {
      result = fn.apply(this, args);
    } catch (error) {
      tracer.arrow('js', 'wasm', `${field} threw ${error?.name ?? 'a value'}`);
      throw error;
    } finally {
      tracer.importDepth -= 1;
    }
    tracer.arrow('js', 'wasm', `${field} returned`);
    return result;
  };
}
