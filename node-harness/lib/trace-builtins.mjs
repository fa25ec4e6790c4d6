// Traces the built-ins that lessons call directly: Atomics.wait and
// Atomics.notify, and JSPI's WebAssembly.Suspending and WebAssembly.promising.
// Each is replaced, once per thread, by a function that records an event and
// then calls the original with the same arguments, so a harness needs no
// change and behaves as before (a TypeError the original throws still comes).

import { exportNameOf, showArguments, showValue, suspendingLabels } from './trace.mjs';

let current = null; // the tracer of this thread's host
let installed = false;

/** Routes this thread's traced built-ins to `tracer`, installing them on first use. */
export function traceBuiltins(tracer) {
  current = tracer;
  if (installed) return;
  installed = true;
  traceAtomics();
  traceJspi();
}

function traceAtomics() {
  const { wait, notify } = Atomics;
  if (typeof wait === 'function') {
    // The moment a wait starts races with the thread it waits for (which may
    // answer first, and then the wait returns "not-equal"), so that moment goes
    // to the live view; the drawing shows one note when the wait is over.
    Atomics.wait = function (array, index, value, timeout) {
      const on = `Atomics.wait on [${showValue(index)}]`;
      current?.live('js', `${on}: blocks this thread`, { mark: 'note' });
      let outcome;
      try {
        outcome = Reflect.apply(wait, Atomics, arguments);
      } catch (error) {
        current?.note('js', `Atomics.wait threw ${error?.name ?? 'a value'}`);
        throw error;
      }
      // "ok" and "not-equal" differ only by that race: both say the value changed.
      current?.note('js', outcome === 'timed-out' ? `${on} timed out` : `${on} is over: the value changed`);
      return outcome;
    };
  }
  if (typeof notify === 'function') {
    // How many waiters it woke depends on timing, so it is left out.
    Atomics.notify = function (array, index) {
      current?.note('js', `Atomics.notify on [${showValue(index)}]`);
      return Reflect.apply(notify, Atomics, arguments);
    };
  }
}

function traceJspi() {
  const RealSuspending = WebAssembly.Suspending;
  const realPromising = WebAssembly.promising;
  if (typeof RealSuspending === 'function') {
    function Suspending(fn) {
      if (!new.target) return RealSuspending(fn); // throws, as the original does without `new`
      if (typeof fn !== 'function') return new RealSuspending(fn);
      const label = { name: fn.name || 'import' }; // renamed after its import field by traceImports
      const suspending = new RealSuspending(function (...args) {
        const { name } = label;
        current?.arrow('wasm', 'js', `import ${name}(${showArguments(args)}) through Suspending`);
        const result = fn.apply(this, args);
        if (result && typeof result.then === 'function') {
          current?.arrow('js', 'wasm', 'suspended: the stack waits for the promise');
          const tracer = current;
          // A second reaction to the same promise: it runs before JSPI resumes the stack.
          Promise.resolve(result).then(
            () => tracer?.arrow('js', 'wasm', `${name}'s promise fulfilled: resumed`),
            () => tracer?.arrow('js', 'wasm', `${name}'s promise rejected: thrown into wasm`),
          );
        } else {
          current?.arrow('js', 'wasm', 'a plain value: suspends, resumes in a microtask');
        }
        return result;
      });
      suspendingLabels.set(suspending, label);
      return suspending;
    }
    Suspending.prototype = RealSuspending.prototype;
    WebAssembly.Suspending = Suspending;
  }
  if (typeof realPromising === 'function') {
    WebAssembly.promising = function (wasmFunction) {
      const promising = realPromising(wasmFunction);
      const name = exportNameOf(wasmFunction);
      return function (...args) {
        const tracer = current;
        tracer?.arrow('js', 'wasm', `promising ${name}(${showArguments(args)}): new stack`);
        const promise = Reflect.apply(promising, this, args);
        // A reaction of our own, not a wrapped promise: the harness's awaits keep their timing.
        // (It marks a rejection as handled: a lesson about an unhandled one would need a note.)
        promise.then(
          () => tracer?.arrow('wasm', 'js', `promising ${name}: its promise fulfilled`),
          () => tracer?.arrow('wasm', 'js', `promising ${name}: its promise rejected`),
        );
        return promise;
      };
    };
  }
}
