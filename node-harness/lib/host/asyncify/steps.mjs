// The steps one round of `driver.call` is made of, after wasm unwound:
// stop the unwind, await the import's promise, start the rewind. They are
// exposed so a lesson can build other loops; such a loop calls `reset()`
// after a failure, as `call` does.

import { overflowPastEnd } from './overflow.mjs';
import { attached, expectState, noPause, wasmState } from './state.mjs';

/**
 * Ends an unwind. Reports an overflowed buffer as `AsyncifyOverflowError`,
 * whether or not binaryen's own check trapped first.
 */
// ANCHOR: stop_unwind
export function stopUnwind(driver) {
  expectState(driver, 'unwinding', 'before stopping an unwind');
  const { exports, region, pause } = driver;
  if (!pause.call) {
    throw new Error(
      'asyncify driver: wasm is unwinding, but no suspending import of this driver started ' +
        "it: was the import handed to another stack's driver?",
    );
  }
  const { position, end } = region.read();
  let trap = null;
  try {
    exports.asyncify_stop_unwind();
  } catch (error) {
    trap = error;
  }
  if (position > end) {
    throw overflowPastEnd(region, position, trap);
  }
  if (trap) {
    throw trap;
  }
  const saved = position - region.bufferStart;
  pause.savedStack = { position, bytes: region.savedBytes(position) };
  driver.tracer.arrow('wasm', 'js', `unwound: ${saved} bytes saved`, {
    frames: pause.frames,
    saved: [...pause.savedStack.bytes],
    buffer: [region.bufferStart, region.bufferEnd],
  });
  driver.stats.unwinds += 1;
  driver.stats.largestUnwindBytes = Math.max(driver.stats.largestUnwindBytes, saved);
}
// ANCHOR_END: stop_unwind

/** Awaits the promise of the import that started the unwind, and keeps its value. */
export async function waitForPending(driver) {
  const { pause, tracer } = driver;
  if (!pause.pending) {
    throw new Error('asyncify driver: wasm unwound, but no suspending import started it');
  }
  const promise = pause.pending;
  pause.pending = null;
  try {
    pause.settled = { value: await promise };
  } catch (error) {
    tracer.note('js', `${pause.shown}'s promise rejected`);
    throw error;
  }
  tracer.note('js', `${pause.shown}'s promise fulfilled`);
}

/** Starts the rewind; the next call to the same export resumes where it stopped. */
export function startRewind(driver) {
  expectState(driver, 'normal', 'before starting a rewind');
  const { pause, region } = driver;
  if (!pause.settled) {
    throw new Error('asyncify driver: nothing to rewind to; await waitForPending() first');
  }
  region.check('before rewinding');
  checkSavedStack(driver);
  pause.rewindStarted = true;
  driver.exports.asyncify_start_rewind(region.dataAddress);
}

// A stack saved over ours would rewind the wrong function's locals: refuse it.
function checkSavedStack({ pause, region }) {
  const { position } = region.read();
  const now = region.savedBytes(position);
  const { savedStack } = pause;
  const same =
    savedStack.position === position && now.every((byte, index) => byte === savedStack.bytes[index]);
  if (!same) {
    throw new Error(
      `asyncify driver: before rewinding ${pause.call}, its saved stack ` +
        `(${region.bufferStart}..${savedStack.position}) changed while it was paused: another ` +
        'stack was saved over it, or the module wrote there. Each paused stack needs a driver ' +
        'and a data buffer of its own, which nothing else writes to',
    );
  }
}

/**
 * Forgets this driver's paused call, if any, and brings wasm back to the
 * normal state when this driver's unwind or rewind was left unfinished.
 */
export function reset(driver) {
  const unfinished = driver.exports ? wasmState(driver) : 'normal';
  try {
    // Both set the state to normal first, then may trap on an overflowed header.
    if (unfinished === 'unwinding') attached(driver).asyncify_stop_unwind();
    if (unfinished === 'rewinding') attached(driver).asyncify_stop_rewind();
  } catch {
    // The trap is the overflow already reported; the state is normal now.
  }
  driver.pause.pending?.catch(() => {}); // nobody awaits it any more
  driver.pause = noPause();
  driver.region?.reset();
}
