// The suspending import: the one place where wasm hands control to async
// JavaScript. Its first visit starts the unwind; its second, during the
// rewind, returns the awaited value as if the call had never paused.

import { wasmFramesHere } from '../../trace/show.mjs';
import { expectState, noPause, wasmState } from './state.mjs';

/**
 * Wraps an async function as a wasm import that suspends the calling wasm
 * until the function's promise settles. `name` names its calls in messages.
 */
// ANCHOR: suspending
export function suspendingImport(driver, asyncFunction, name = asyncFunction.name || 'suspending import') {
  const { tracer } = driver;
  const importFunction = (...args) => {
    const thisCall = `${name}(${args.join(', ')})`;
    const unnamed = name === 'suspending import' && label.field;
    const shown = unnamed ? `${label.field}(${args.join(', ')})` : thisCall;
    if (wasmState(driver) === 'rewinding') {
      // Second visit: wasm has restored its locals and is back at this call.
      return finishRewind(driver, thisCall, shown);
    }
    expectState(driver, 'normal', `when ${thisCall} is called`);
    if (driver.pause.call) {
      throw new Error(
        `asyncify driver: ${thisCall} was called while ${driver.pause.call} is still paused; ` +
          "this driver's data buffer holds one paused stack, and a second pause would " +
          'overwrite it. Await the first call before starting another, or give each stack ' +
          'a driver of its own',
      );
    }
    // Reading the stack costs microseconds: only a recorded trace pays for it.
    const frames = tracer.recording ? wasmFramesHere() : [];
    tracer.arrow('wasm', 'js', `import ${shown}: starts the unwind`);
    // An async function never throws synchronously; the error waits in the promise.
    const pending = (async () => asyncFunction(...args))();
    driver.pause = { ...noPause(), call: thisCall, shown, frames, pending };
    driver.region.reset();
    driver.exports.asyncify_start_unwind(driver.region.dataAddress);
    return 0; // ignored: wasm is unwinding and does not read it
  };
  // Learns its field name once instantiated.
  const label = tracer.selfTraced(importFunction);
  return importFunction;
}
// ANCHOR_END: suspending

function finishRewind(driver, thisCall, shown) {
  const { pause, region } = driver;
  if (!pause.rewindStarted) {
    const own = pause.call ? `its own paused call is ${pause.call}` : 'it has no paused call';
    throw new Error(
      `asyncify driver: ${thisCall} was reached while wasm rewinds a stack that this driver ` +
        `did not rewind (${own}): the import was handed to the wrong stack's driver`,
    );
  }
  driver.exports.asyncify_stop_rewind();
  pause.rewindStarted = false;
  const { position } = region.check('after rewinding');
  if (position !== region.bufferStart) {
    throw new Error(
      `asyncify driver: after rewinding, ${position - region.bufferStart} saved bytes ` +
        'were never restored; the module and the driver disagree about the stack',
    );
  }
  driver.tracer.arrow('js', 'wasm', `import ${shown} again: stops the rewind, returns the awaited value`);
  driver.pause = noPause();
  return pause.settled.value;
}
