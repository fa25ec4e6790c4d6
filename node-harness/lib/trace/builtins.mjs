// Traces the built-ins that lessons call directly: Atomics.wait and
// Atomics.notify, MessageChannel (its ports, see ports.mjs), and JSPI's
// WebAssembly.Suspending and WebAssembly.promising.
// Harnesses call them from the global scope, so the environment replaces them
// there, for one thread, with functions bound to that thread's tracer; each
// records an event and then calls the original with the same arguments, so a
// harness behaves as before (a TypeError the original throws still comes).
// `restore()` puts the originals back.

import { tracedMessageChannel } from './ports.mjs';
import { showArguments, showValue } from './show.mjs';

/**
 * Replaces the traced built-ins of `scope` (a thread's `globalThis`) with
 * ones that record to `tracer`, and returns `restore()`.
 */
export function traceBuiltins(scope, tracer) {
  const { Atomics: atomics, WebAssembly: wasm } = scope;
  const originals = {
    setTimeout: scope.setTimeout,
    wait: atomics.wait,
    notify: atomics.notify,
    Suspending: wasm.Suspending,
    promising: wasm.promising,
    Function: wasm.Function,
    MessageChannel: scope.MessageChannel,
  };
  if (typeof originals.wait === 'function') atomics.wait = tracedWait(tracer, originals.wait, atomics);
  if (typeof originals.notify === 'function') {
    atomics.notify = tracedNotify(tracer, originals.notify, atomics);
  }
  if (typeof originals.Suspending === 'function') {
    wasm.Suspending = tracedSuspending(tracer, originals.Suspending);
  }
  if (typeof originals.promising === 'function') {
    wasm.promising = tracedPromising(tracer, originals.promising);
  }
  scope.setTimeout = wasmTimers(tracer, originals.setTimeout, scope);
  if (typeof originals.MessageChannel === 'function') {
    scope.MessageChannel = tracedMessageChannel(tracer, originals.MessageChannel);
  }
  if (typeof originals.Function === 'function') {
    wasm.Function = unwrappingFunction(tracer, originals.Function);
  }
  return function restore() {
    putBack(scope, { setTimeout: originals.setTimeout, MessageChannel: originals.MessageChannel });
    putBack(atomics, { wait: originals.wait, notify: originals.notify });
    putBack(wasm, {
      Suspending: originals.Suspending,
      promising: originals.promising,
      Function: originals.Function,
    });
  };
}

// A graded run freezes the built-ins (lockdown.mjs) after tracing wrapped
// them: what is frozen stays as it is.
function putBack(object, originals) {
  for (const [name, value] of Object.entries(originals)) {
    const own = Object.getOwnPropertyDescriptor(object, name);
    const settable = own ? own.writable || own.set : value !== undefined && Object.isExtensible(object);
    if (settable) object[name] = value;
  }
}

// The moment a wait starts races with the thread it waits for (which may
// answer first, and then the wait returns "not-equal"), so that moment goes
// to the live view; the drawing shows one note when the wait is over.
function tracedWait(tracer, wait, atomics) {
  return function (array, index, value, timeout) {
    const on = `Atomics.wait on [${showValue(index)}]`;
    if (timeout === 0) return probe(tracer, on, () => Reflect.apply(wait, atomics, arguments));
    tracer.live('js', `${on}: blocks this thread`, { mark: 'note' });
    let outcome;
    try {
      outcome = Reflect.apply(wait, atomics, arguments);
    } catch (error) {
      tracer.note('js', `Atomics.wait threw ${error?.name ?? 'a value'}`);
      throw error;
    }
    // "ok" and "not-equal" differ only by that race: both say the value changed.
    if (outcome === 'timed-out') tracer.note('js', `${on} timed out`);
    else tracer.note('js', `${on} is over: the value changed`, cellIndex('woken', index));
    return outcome;
  };
}

// A wait with a timeout of 0 never blocks: it answers at once whether this
// thread may block, and the drawing must not shade it as a blocked thread.
function probe(tracer, on, wait) {
  try {
    const outcome = wait();
    tracer.note('js', `${on}, timeout 0: returned at once, never blocked`);
    return outcome;
  } catch (error) {
    tracer.note('js', `Atomics.wait threw ${error?.name ?? 'a value'}`);
    throw error;
  }
}

// How many waiters it woke depends on timing, so it is left out.
function tracedNotify(tracer, notify, atomics) {
  return function (array, index) {
    tracer.note('js', `Atomics.notify on [${showValue(index)}]`, cellIndex('notify', index));
    return Reflect.apply(notify, atomics, arguments);
  };
}

function tracedSuspending(tracer, RealSuspending) {
  function Suspending(fn) {
    if (!new.target) return RealSuspending(fn); // throws, as the original does without `new`
    if (typeof fn !== 'function') return new RealSuspending(fn);
    let label = null; // named after its import field by traceImports
    const suspending = new RealSuspending(function (...args) {
      const name = label.field ?? (fn.name || 'import');
      tracer.arrow('wasm', 'js', `import ${name}(${showArguments(args)}) through Suspending`);
      const result = fn.apply(this, args);
      if (result && typeof result.then === 'function') {
        // Suspending hands control back to JavaScript: the arrow points from wasm.
        tracer.arrow('wasm', 'js', 'suspended: the stack waits for the promise');
        // A second reaction to the same promise: it runs before JSPI resumes the stack.
        // Its arguments say which of several suspended calls resumes (JSPI concurrency).
        const call = `${name}(${showArguments(args)})`;
        Promise.resolve(result).then(
          () => tracer.arrow('js', 'wasm', `${call}'s promise fulfilled: resumed`),
          () => tracer.arrow('js', 'wasm', `${call}'s promise rejected: thrown into wasm`),
        );
      } else {
        tracer.arrow('wasm', 'js', 'a plain value: suspends, resumes in a microtask');
      }
      return result;
    });
    label = tracer.selfTraced(suspending);
    return suspending;
  }
  Suspending.prototype = RealSuspending.prototype;
  return Suspending;
}

function tracedPromising(tracer, realPromising) {
  return function promising(wasmFunction) {
    const wrapped = realPromising(tracer.unwrap(wasmFunction));
    const name = tracer.exportName(wasmFunction);
    return function (...args) {
      const call = `promising ${name}(${showArguments(args)})`;
      tracer.arrow('js', 'wasm', `${call}: new stack`);
      const promise = Reflect.apply(wrapped, this, args);
      // A reaction of our own, not a wrapped promise: the harness's awaits keep their timing.
      // (It marks a rejection as handled: a lesson about an unhandled one would need a note.)
      promise.then(
        () => tracer.arrow('wasm', 'js', `${call}: its promise fulfilled`),
        () => tracer.arrow('wasm', 'js', `${call}: its promise rejected`),
      );
      return promise;
    };
  };
}

// The original JSPI API (`new WebAssembly.Function(type, fn, usage)`) needs
// the export itself, not the traced wrapper `host.instantiate` hands out.
function unwrappingFunction(tracer, RealFunction) {
  function WasmFunction(type, fn, ...rest) {
    if (!new.target) return RealFunction(type, fn, ...rest); // throws, as the original does
    return new RealFunction(type, tracer.unwrap(fn), ...rest);
  }
  WasmFunction.prototype = RealFunction.prototype;
  Object.setPrototypeOf(WasmFunction, RealFunction);
  return WasmFunction;
}

// A timer started while a traced import runs is one wasm asked for (the
// callback chapter's `set_timeout`): it is drawn, its start and its firing.
function wasmTimers(tracer, realSetTimeout, scope) {
  return function setTimeout(callback, ms, ...rest) {
    if (tracer.importDepth === 0 || typeof callback !== 'function') {
      return Reflect.apply(realSetTimeout, scope, arguments);
    }
    const shown = `setTimeout(${showArguments([ms ?? 0])})`;
    tracer.arrow('js', 'timers', `${shown}, for wasm`);
    const fire = function (...args) {
      tracer.arrow('timers', 'js', `timer fired: ${shown}`);
      return callback.apply(this, args);
    };
    return Reflect.apply(realSetTimeout, scope, [fire, ms, ...rest]);
  };
}

// The runner pairs a notify with the wait it ended by the cell's index.
function cellIndex(field, index) {
  return Number.isInteger(index) && index >= 0 ? { [field]: index } : {};
}
