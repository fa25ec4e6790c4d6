// The asyncify driver: lets a module instrumented by binaryen's `--asyncify`
// pass call an async JavaScript function as if it were synchronous.
//
// How it works, in one paragraph: when wasm calls a suspending import, the
// import starts the async work, keeps its promise, and calls
// `asyncify_start_unwind`. Every instrumented wasm function then saves its
// locals into the asyncify data buffer and returns at once, all the way out to
// the driver. The driver stops the unwind, awaits the promise (the event loop
// runs meanwhile), calls `asyncify_start_rewind` and calls the same export
// again. The instrumented code skips what already ran, restores its locals from
// the buffer, and calls the import a second time; the import now stops the
// rewind and returns the awaited value. When the export finally returns
// normally, the driver returns its result.
//
// The driver is in parts, each to be read on its own:
//   state.mjs    what the parts share: the attached instance and the one pause;
//   layout.mjs   the asyncify data in memory, and its checks;
//   pause.mjs    the suspending import: starts the unwind, ends the rewind;
//   steps.mjs    stop the unwind, await the promise, start the rewind, reset;
//   overflow.mjs the error for a stack that did not fit;
//   this file    attach, and the loop that `driver.call` runs.
//
// ANCHOR: rules
// One driver holds one paused stack: its data buffer has room for one. So it
// refuses, with a message, rather than return a wrong value:
// - a suspending import called while this driver's pause is outstanding
//   (a second pause would overwrite the first one's saved stack);
// - `driver.call` while its previous call is paused;
// - `driver.call` from inside an import, while wasm of the same instance is
//   running (call the export directly: the outer call's unwind carries it);
// - a rewind whose saved stack changed while it was paused (another stack was
//   saved over it), or a rewind that reaches the import of another driver;
// - a data region at address 0.
// A trap while unwinding is reported as `AsyncifyOverflowError`. After a
// refused or failed `call`, the driver is back in the normal state and can be
// used again; code that drives the steps itself calls `reset()`.
// Several stacks paused at once need one driver (and data buffer) each.
// ANCHOR_END: rules
//
// Only host/host.mjs imports this file; harnesses reach it as `host.asyncify()`.

import { showValue } from '../../trace/show.mjs';
import { silentTracer } from '../../trace/tracer.mjs';
import { checkAsyncifyExports, createDataRegion } from './layout.mjs';
import { explainTrap } from './overflow.mjs';
import { suspendingImport } from './pause.mjs';
import { reset, startRewind, stopUnwind, waitForPending } from './steps.mjs';
import { createDriverState, expectState, wasmState } from './state.mjs';

export { AsyncifyOverflowError } from './overflow.mjs';

// Instances whose wasm a driver is running right now, shared by every driver:
// a call back into the same instance from an import must not start a loop.
const instancesRunningWasm = new WeakSet();

/**
 * Creates a driver for one paused stack of an asyncified instance.
 *
 * Use it in three steps:
 *   1. wrap each async import with `driver.suspending(asyncFunction, name)`;
 *   2. after instantiating, `driver.attach(exports, { dataAddress, stackBytes })`;
 *   3. call exports with `await driver.call(exports.someFunction, ...args)`.
 *
 * `state`, `stopUnwind`, `waitForPending` and `startRewind` are the steps that
 * `call` is made of (see steps.mjs); a loop of its own calls `reset()` after a failure.
 */
export function createAsyncifyDriver(tracer = silentTracer()) {
  const driver = createDriverState(tracer);
  const api = {
    suspending: (asyncFunction, name) => suspendingImport(driver, asyncFunction, name),
    attach(instanceExports, layout) {
      attach(driver, instanceExports, layout);
      return api;
    },
    call: (wasmFunction, ...args) => call(driver, wasmFunction, args),
    state: () => wasmState(driver),
    stopUnwind: () => stopUnwind(driver),
    waitForPending: () => waitForPending(driver),
    startRewind: () => startRewind(driver),
    reset: () => reset(driver),
    /** The outstanding pause, such as `'sleep(20)'`, or null. */
    pausedCall: () => driver.pause.call,
    /** Counts: how many unwinds, and the most bytes one unwind saved. */
    stats: driver.stats,
  };
  return api;
}

/**
 * Connects the driver to an instance. `layout.dataAddress` is where the
 * 8-byte header goes; the buffer of `layout.stackBytes` bytes follows it.
 * The module must leave that memory alone.
 */
function attach(driver, instanceExports, { dataAddress, stackBytes }) {
  checkAsyncifyExports(instanceExports);
  if (driver.pause.call || driver.callInProgress) {
    throw new Error(`asyncify driver: attach while ${driver.pause.call ?? 'a call'} is paused would lose it`);
  }
  driver.region = createDataRegion(instanceExports.memory, { dataAddress, stackBytes });
  driver.exports = instanceExports;
}

/**
 * Calls `wasmFunction(...args)` until it returns without unwinding, awaiting
 * each suspending import on the way, and resolves to its result. A refusal
 * throws at once (not as a rejected promise), so that one made inside an
 * import reaches the wasm that called the import.
 */
function call(driver, wasmFunction, args) {
  if (instancesRunningWasm.has(driver.exports?.asyncify_get_state)) {
    throw new Error(
      'asyncify driver: driver.call was used inside an import while wasm of the same ' +
        'instance is running; call the export directly (`exports.name(...)`): if it pauses, ' +
        "the outer call's unwind and rewind carry it",
    );
  }
  // The buffer holds one paused stack; a second call would overwrite it.
  if (driver.callInProgress) {
    const where = driver.pause.call ? ` (in ${driver.pause.call})` : '';
    throw new Error(
      `asyncify driver: another call is paused${where}; ` +
        'await it before calling again, or give each stack a driver of its own',
    );
  }
  expectState(driver, 'normal', 'when a call starts');
  driver.callInProgress = true;
  return driveToCompletion(driver, wasmFunction, args).finally(() => {
    driver.callInProgress = false;
  });
}

async function driveToCompletion(driver, wasmFunction, args) {
  try {
    // ANCHOR: driver_loop
    for (;;) {
      const result = runWasm(driver, wasmFunction, args);
      const after = wasmState(driver);
      if (after === 'normal') {
        return result; // finished: the value goes back to the caller
      }
      if (after !== 'unwinding') {
        throw new Error(`asyncify driver: the export returned in state '${after}'`);
      }
      stopUnwind(driver);
      await waitForPending(driver);
      startRewind(driver);
    }
    // ANCHOR_END: driver_loop
  } catch (error) {
    driver.tracer.note('js', `the call failed: ${error?.name ?? 'a value was thrown'}; the driver resets`);
    reset(driver);
    throw error;
  }
}

function runWasm(driver, wasmFunction, args) {
  const { tracer } = driver;
  const instance = driver.exports.asyncify_get_state;
  const name = tracer.exportName(wasmFunction);
  instancesRunningWasm.add(instance);
  const again = driver.pause.rewindStarted ? ' again, to rewind' : '';
  tracer.arrow('js', 'wasm', `call ${name}(${args.map(showValue).join(', ')})${again}`);
  try {
    // The driver draws this call itself (with `again`), so it calls the export untraced.
    const result = tracer.unwrap(wasmFunction)(...args);
    if (wasmState(driver) === 'normal') tracer.arrow('wasm', 'js', `${name} returned`);
    return result;
  } catch (error) {
    throw explainTrap(driver, error);
  } finally {
    instancesRunningWasm.delete(instance);
  }
}
