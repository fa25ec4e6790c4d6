// What every part of the asyncify driver shares: the instance it is attached
// to, the one pause it may hold, and the state binaryen reports.

/** Values of `asyncify_get_state()`. */
const STATE_NAMES = ['normal', 'unwinding', 'rewinding'];

/**
 * The driver's state. `exports` and `region` are set by `attach`; `pause`
 * holds the one paused call, from its unwind until its rewind reaches it.
 */
export function createDriverState(tracer) {
  return {
    tracer,
    exports: null,
    region: null, // the asyncify data: see layout.mjs
    pause: noPause(),
    callInProgress: false,
    stats: { unwinds: 0, largestUnwindBytes: 0 },
  };
}

/** No paused call: what a driver starts with and returns to after each call. */
export function noPause() {
  return {
    call: null, // e.g. 'sleep(20)': from the unwind's start until the rewind reaches it again
    shown: null, // the call as the trace names it: after the import's field when unnamed
    pending: null, // the promise of the import that started the unwind
    settled: null, // { value } once `pending` has resolved
    savedStack: null, // { position, bytes }: what the unwind saved, checked before rewinding
    rewindStarted: false,
    frames: [], // the wasm functions on the stack when the pause began, innermost first
  };
}

/** The attached instance's exports; a driver used before `attach` says so. */
export function attached(driverState) {
  if (!driverState.exports) {
    throw new Error('asyncify driver: call `attach(exports, layout)` after instantiating');
  }
  return driverState.exports;
}

/** `'normal'`, `'unwinding'` or `'rewinding'`. */
export function wasmState(driverState) {
  // Asked before and after every step: untraced, so the drawing shows the steps.
  const getState = driverState.tracer.unwrap(attached(driverState).asyncify_get_state);
  const code = getState();
  return STATE_NAMES[code] ?? `unknown (${code})`;
}

/** Throws, naming the moment, unless wasm is in the `expected` state. */
export function expectState(driverState, expected, when) {
  const actual = wasmState(driverState);
  if (actual !== expected) {
    throw new Error(`asyncify driver: ${when}, the state must be '${expected}', but it is '${actual}'`);
  }
}
