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
// ANCHOR: data_structure
// The asyncify data structure (binaryen reads it through the address given to
// `asyncify_start_unwind` and `asyncify_start_rewind`):
//
//   dataAddress + 0   i32  stack position: where the next saved byte goes.
//                          Unwinding pushes (it grows), rewinding pops.
//   dataAddress + 4   i32  stack end: the first byte the buffer may not use.
//   dataAddress + 8   ...  the buffer itself, `stackBytes` long.
//
// Both fields are absolute addresses (unsigned). Before each unwind the driver
// sets position to the buffer's start and end to its end; before each rewind
// it checks that start <= position <= end and that end is unchanged.
//
// binaryen does not check the end while it saves locals: it writes past it
// first and traps (`unreachable`) afterwards, in `asyncify_stop_unwind`, when
// it finds position > end. This driver reads the header before that call so it
// can report the overflow by name instead of as a bare trap.
// ANCHOR_END: data_structure
//
// Only host.mjs imports this file; harnesses reach it as `host.asyncify()`.

const HEADER_BYTES = 8;

/** Values of `asyncify_get_state()`. */
const STATE_NAMES = ['normal', 'unwinding', 'rewinding'];

/** The exports that `--asyncify` adds to a module. */
const ASYNCIFY_EXPORTS = [
  'asyncify_start_unwind',
  'asyncify_stop_unwind',
  'asyncify_start_rewind',
  'asyncify_stop_rewind',
  'asyncify_get_state',
];

/**
 * Thrown when the unwound stack did not fit in the buffer. `needed` and
 * `capacity` are byte counts; `cause` is binaryen's trap, when there was one.
 */
export class AsyncifyOverflowError extends Error {
  constructor({ needed, capacity, bufferEnd, cause }) {
    super(
      `asyncify data buffer overflowed: unwinding saved ${needed} bytes, but the buffer holds ` +
        `${capacity}; memory from address ${bufferEnd} on was overwritten before binaryen ` +
        'noticed (give the driver a bigger `stackBytes`)',
      { cause },
    );
    this.name = 'AsyncifyOverflowError';
    this.needed = needed;
    this.capacity = capacity;
  }
}

/**
 * Creates a driver for one instance of an asyncified module.
 *
 * Use it in three steps:
 *   1. wrap each async import with `driver.suspending(asyncFunction)`;
 *   2. after instantiating, `driver.attach(exports, { dataAddress, stackBytes })`;
 *   3. call exports with `await driver.call(exports.someFunction, ...args)`.
 *
 * `state`, `stopUnwind`, `waitForPending` and `startRewind` are the steps that
 * `call` is made of; they are exposed so a lesson can build other loops.
 */
export function createAsyncifyDriver() {
  let exports = null;
  let layout = null;
  let pending = null; // the promise of the import that started the unwind
  let settled = null; // { value } once `pending` has resolved
  let callInProgress = false;
  const stats = { unwinds: 0, largestUnwindBytes: 0 };

  function attached() {
    if (!exports) {
      throw new Error('asyncify driver: call `attach(exports, layout)` after instantiating');
    }
    return exports;
  }

  /** `'normal'`, `'unwinding'` or `'rewinding'`. */
  function state() {
    const code = attached().asyncify_get_state();
    return STATE_NAMES[code] ?? `unknown (${code})`;
  }

  function expectState(expected, when) {
    const actual = state();
    if (actual !== expected) {
      throw new Error(`asyncify driver: ${when}, the state must be '${expected}', but it is '${actual}'`);
    }
  }

  function memoryView() {
    return new DataView(attached().memory.buffer);
  }

  function readHeader() {
    const view = memoryView();
    return {
      position: view.getUint32(layout.dataAddress, true),
      end: view.getUint32(layout.dataAddress + 4, true),
    };
  }

  // An empty stack: the position at the start of the buffer.
  function resetHeader() {
    const view = memoryView();
    view.setUint32(layout.dataAddress, layout.bufferStart, true);
    view.setUint32(layout.dataAddress + 4, layout.bufferEnd, true);
  }

  // Before binaryen reads the header, check that it still describes our buffer.
  function checkHeader(when) {
    const { position, end } = readHeader();
    const { bufferStart, bufferEnd } = layout;
    if (end !== bufferEnd) {
      throw new Error(
        `asyncify driver: ${when}, the stack end at ${layout.dataAddress + 4} is ${end}, ` +
          `not ${bufferEnd}: something overwrote the asyncify data header`,
      );
    }
    if (position < bufferStart || position > end) {
      throw new Error(
        `asyncify driver: ${when}, the stack position ${position} is outside the buffer ` +
          `${bufferStart}..${end}`,
      );
    }
    return { position, end };
  }

  /**
   * Wraps an async function as a wasm import that suspends the calling wasm
   * until the function's promise settles.
   */
  // ANCHOR: suspending
  function suspending(asyncFunction) {
    return (...args) => {
      if (state() === 'rewinding') {
        // Second visit: wasm has restored its locals and is back at this call.
        exports.asyncify_stop_rewind();
        const { position } = checkHeader('after rewinding');
        if (position !== layout.bufferStart) {
          throw new Error(
            `asyncify driver: after rewinding, ${position - layout.bufferStart} saved bytes ` +
              'were never restored; the module and the driver disagree about the stack',
          );
        }
        const { value } = settled;
        settled = null;
        return value;
      }
      expectState('normal', 'when a suspending import is called');
      // An async function never throws synchronously; the error waits in the promise.
      pending = (async () => asyncFunction(...args))();
      resetHeader();
      exports.asyncify_start_unwind(layout.dataAddress);
      return 0; // ignored: wasm is unwinding and does not read it
    };
  }
  // ANCHOR_END: suspending

  /**
   * Connects the driver to an instance. `layout.dataAddress` is where the
   * 8-byte header goes; the buffer of `layout.stackBytes` bytes follows it.
   * The module must leave that memory alone.
   */
  function attach(instanceExports, { dataAddress, stackBytes }) {
    for (const name of [...ASYNCIFY_EXPORTS, 'memory']) {
      // `in` rather than a read: host.instantiate's strict exports throw on a read.
      if (!(name in instanceExports)) {
        throw new Error(
          `asyncify driver: the module has no export "${name}"; was it built with wasm-opt --asyncify?`,
        );
      }
    }
    if (!(instanceExports.memory instanceof WebAssembly.Memory)) {
      throw new Error('asyncify driver: the export "memory" is not a WebAssembly.Memory');
    }
    layout = validateLayout({ dataAddress, stackBytes }, instanceExports.memory);
    exports = instanceExports;
    return driver;
  }

  /**
   * Ends an unwind. Reports an overflowed buffer as `AsyncifyOverflowError`,
   * whether or not binaryen's own check trapped first.
   */
  // ANCHOR: stop_unwind
  function stopUnwind() {
    expectState('unwinding', 'before stopping an unwind');
    const { position, end } = readHeader();
    let trap = null;
    try {
      exports.asyncify_stop_unwind();
    } catch (error) {
      trap = error;
    }
    if (position > end) {
      throw new AsyncifyOverflowError({
        needed: position - layout.bufferStart,
        capacity: layout.bufferEnd - layout.bufferStart,
        bufferEnd: layout.bufferEnd,
        cause: trap ?? undefined,
      });
    }
    if (trap) {
      throw trap;
    }
    stats.unwinds += 1;
    stats.largestUnwindBytes = Math.max(stats.largestUnwindBytes, position - layout.bufferStart);
  }
  // ANCHOR_END: stop_unwind

  /** Awaits the promise of the import that started the unwind, and keeps its value. */
  async function waitForPending() {
    if (!pending) {
      throw new Error('asyncify driver: wasm unwound, but no suspending import started it');
    }
    const promise = pending;
    pending = null;
    settled = { value: await promise };
  }

  /** Starts the rewind; the next call to the same export resumes where it stopped. */
  function startRewind() {
    expectState('normal', 'before starting a rewind');
    if (!settled) {
      throw new Error('asyncify driver: nothing to rewind to; await waitForPending() first');
    }
    checkHeader('before rewinding');
    exports.asyncify_start_rewind(layout.dataAddress);
  }

  /**
   * Calls `wasmFunction(...args)` until it returns without unwinding, awaiting
   * each suspending import on the way, and resolves to its result.
   */
  async function call(wasmFunction, ...args) {
    expectState('normal', 'when a call starts');
    // The buffer holds one paused stack; a second call would overwrite it.
    if (callInProgress) {
      throw new Error('asyncify driver: another call is paused; await it before calling again');
    }
    callInProgress = true;
    try {
      return await driveToCompletion(wasmFunction, args);
    } finally {
      callInProgress = false;
    }
  }

  async function driveToCompletion(wasmFunction, args) {
    // ANCHOR: driver_loop
    for (;;) {
      const result = wasmFunction(...args);
      const after = state();
      if (after === 'normal') {
        return result; // finished: the value goes back to the caller
      }
      if (after !== 'unwinding') {
        throw new Error(`asyncify driver: the export returned in state '${after}'`);
      }
      stopUnwind();
      await waitForPending();
      startRewind();
    }
    // ANCHOR_END: driver_loop
  }

  const driver = {
    suspending,
    attach,
    call,
    state,
    stopUnwind,
    waitForPending,
    startRewind,
    /** Counts: how many unwinds, and the most bytes one unwind saved. */
    stats,
  };
  return driver;
}

// Checks the layout against the memory once, so a bad address fails here,
// with its numbers, instead of as a wasm trap or a corrupted stack later.
function validateLayout({ dataAddress, stackBytes }, memory) {
  const memoryBytes = memory.buffer.byteLength;
  const problems = [];
  if (!Number.isInteger(dataAddress) || dataAddress < 0) {
    problems.push(`dataAddress must be a non-negative integer, not ${dataAddress}`);
  } else if (dataAddress % 4 !== 0) {
    problems.push(`dataAddress ${dataAddress} must be a multiple of 4 (the header holds two i32)`);
  }
  if (!Number.isInteger(stackBytes) || stackBytes <= 0) {
    problems.push(`stackBytes must be a positive integer, not ${stackBytes}`);
  } else if (stackBytes % 4 !== 0) {
    problems.push(`stackBytes ${stackBytes} must be a multiple of 4`);
  }
  const numbers = Number.isInteger(dataAddress) && Number.isInteger(stackBytes);
  if (numbers && dataAddress + HEADER_BYTES + stackBytes > memoryBytes) {
    problems.push(
      `the data (${dataAddress}..${dataAddress + HEADER_BYTES + stackBytes}) ends past the ` +
        `memory's ${memoryBytes} bytes`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`asyncify driver: bad layout: ${problems.join('; ')}`);
  }
  const bufferStart = dataAddress + HEADER_BYTES;
  return { dataAddress, bufferStart, bufferEnd: bufferStart + stackBytes };
}
