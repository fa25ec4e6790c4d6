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
// Only host.mjs imports this file; harnesses reach it as `host.asyncify()`.

import { exportNameOf, markSelfTraced, showValue, wasmFramesHere } from './trace.mjs';

const HEADER_BYTES = 8;

/** A tracer that records nothing, for a driver made outside a host. */
const SILENT_TRACER = { recording: false, arrow() {}, note() {}, live() {} };

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

// Instances whose wasm a driver is running right now, shared by every driver:
// a call back into the same instance from an import must not start a loop.
const instancesRunningWasm = new WeakSet();

/**
 * Thrown when the unwound stack did not fit. `needed` is the byte count when
 * it is known (binaryen's check found position > end), otherwise `undefined`
 * (unwinding trapped first); `atLeast` is always a lower bound, and
 * `capacity` the buffer's size. `cause` is the trap, when there was one.
 */
export class AsyncifyOverflowError extends Error {
  constructor({ needed, atLeast, capacity, bufferEnd, roomToMemoryEnd, cause }) {
    const what =
      needed === undefined
        ? `unwinding trapped while it saved locals (${cause?.message}): the stack did not fit ` +
          `in the ${roomToMemoryEnd} bytes from the buffer's start to the end of memory, so it ` +
          `needs at least ${atLeast}, and the buffer holds ${capacity}`
        : `unwinding saved ${needed} bytes, but the buffer holds ${capacity}; memory from ` +
          `address ${bufferEnd} on was overwritten before binaryen noticed`;
    super(`asyncify data buffer overflowed: ${what} (give the driver a bigger \`stackBytes\`)`, {
      cause,
    });
    this.name = 'AsyncifyOverflowError';
    this.needed = needed;
    this.atLeast = atLeast;
    this.capacity = capacity;
  }
}

/**
 * Creates a driver for one paused stack of an asyncified instance.
 *
 * Use it in three steps:
 *   1. wrap each async import with `driver.suspending(asyncFunction, name)`;
 *   2. after instantiating, `driver.attach(exports, { dataAddress, stackBytes })`;
 *   3. call exports with `await driver.call(exports.someFunction, ...args)`.
 *
 * `state`, `stopUnwind`, `waitForPending` and `startRewind` are the steps that
 * `call` is made of; they are exposed so a lesson can build other loops. Such
 * a loop calls `reset()` after a failure.
 */
export function createAsyncifyDriver(tracer = SILENT_TRACER) {
  let exports = null;
  let layout = null;
  let pausedCall = null; // e.g. 'sleep(20)': from the unwind's start until the rewind reaches it again
  let pending = null; // the promise of the import that started the unwind
  let settled = null; // { value } once `pending` has resolved
  let savedStack = null; // { position, bytes }: what the unwind saved, checked before rewinding
  let rewindStarted = false;
  let callInProgress = false;
  let framesAtPause = []; // the wasm functions on the stack when the pause began, innermost first
  let tracedCall = null; // pausedCall as the trace names it: after the import's field when unnamed
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

  function readHeader() {
    const view = new DataView(attached().memory.buffer);
    return {
      position: view.getUint32(layout.dataAddress, true),
      end: view.getUint32(layout.dataAddress + 4, true),
    };
  }

  // An empty stack: the position at the start of the buffer.
  function resetHeader() {
    const view = new DataView(attached().memory.buffer);
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

  function savedBytes(position) {
    return new Uint8Array(attached().memory.buffer.slice(layout.bufferStart, position));
  }

  // A stack saved over ours would rewind the wrong function's locals: refuse it.
  function checkSavedStack() {
    const { position } = readHeader();
    const now = savedBytes(position);
    const same =
      savedStack.position === position && now.every((byte, index) => byte === savedStack.bytes[index]);
    if (!same) {
      throw new Error(
        `asyncify driver: before rewinding ${pausedCall}, its saved stack ` +
          `(${layout.bufferStart}..${savedStack.position}) changed while it was paused: another ` +
          'stack was saved over it, or the module wrote there. Each paused stack needs a driver ' +
          'and a data buffer of its own, which nothing else writes to',
      );
    }
  }

  /**
   * Wraps an async function as a wasm import that suspends the calling wasm
   * until the function's promise settles. `name` names its calls in messages.
   */
  // ANCHOR: suspending
  function suspending(asyncFunction, name = asyncFunction.name || 'suspending import') {
    const label = {}; // traceImports puts the import's field name here
    return markSelfTraced((...args) => {
      const thisCall = `${name}(${args.join(', ')})`;
      const unnamed = name === 'suspending import' && label.field;
      const shown = unnamed ? `${label.field}(${args.join(', ')})` : thisCall;
      if (state() === 'rewinding') {
        // Second visit: wasm has restored its locals and is back at this call.
        return finishRewind(thisCall, shown);
      }
      expectState('normal', `when ${thisCall} is called`);
      if (pausedCall) {
        throw new Error(
          `asyncify driver: ${thisCall} was called while ${pausedCall} is still paused; ` +
            "this driver's data buffer holds one paused stack, and a second pause would " +
            'overwrite it. Await the first call before starting another, or give each stack ' +
            'a driver of its own',
        );
      }
      pausedCall = thisCall;
      // Reading the stack costs microseconds: only a recorded trace pays for it.
      framesAtPause = tracer.recording === false ? [] : wasmFramesHere();
      tracedCall = shown;
      tracer.arrow('wasm', 'js', `import ${shown}: starts the unwind`);
      // An async function never throws synchronously; the error waits in the promise.
      pending = (async () => asyncFunction(...args))();
      resetHeader();
      exports.asyncify_start_unwind(layout.dataAddress);
      return 0; // ignored: wasm is unwinding and does not read it
    }, label);
  }
  // ANCHOR_END: suspending

  function finishRewind(thisCall, shown) {
    if (!rewindStarted) {
      const own = pausedCall ? `its own paused call is ${pausedCall}` : 'it has no paused call';
      throw new Error(
        `asyncify driver: ${thisCall} was reached while wasm rewinds a stack that this driver ` +
          `did not rewind (${own}): the import was handed to the wrong stack's driver`,
      );
    }
    exports.asyncify_stop_rewind();
    rewindStarted = false;
    const { position } = checkHeader('after rewinding');
    if (position !== layout.bufferStart) {
      throw new Error(
        `asyncify driver: after rewinding, ${position - layout.bufferStart} saved bytes ` +
          'were never restored; the module and the driver disagree about the stack',
      );
    }
    const { value } = settled;
    tracer.arrow('js', 'wasm', `import ${shown} again: stops the rewind, returns the awaited value`);
    pausedCall = null;
    settled = null;
    savedStack = null;
    return value;
  }

  /**
   * Connects the driver to an instance. `layout.dataAddress` is where the
   * 8-byte header goes; the buffer of `layout.stackBytes` bytes follows it.
   * The module must leave that memory alone.
   */
  function attach(instanceExports, { dataAddress, stackBytes }) {
    // `in` rather than a read: host.instantiate's strict exports throw on a read.
    for (const name of ASYNCIFY_EXPORTS) {
      if (!(name in instanceExports)) {
        throw new Error(
          `asyncify driver: the module has no export "${name}"; was it built with wasm-opt --asyncify?`,
        );
      }
    }
    if (!('memory' in instanceExports)) {
      throw new Error(
        'asyncify driver: the module has the asyncify exports but does not export its memory ' +
          'as "memory"; the driver keeps the asyncify data there, so export it ' +
          '(in WAT: `(memory (export "memory") 1)`)',
      );
    }
    if (!(instanceExports.memory instanceof WebAssembly.Memory)) {
      throw new Error('asyncify driver: the export "memory" is not a WebAssembly.Memory');
    }
    if (pausedCall || callInProgress) {
      throw new Error(`asyncify driver: attach while ${pausedCall ?? 'a call'} is paused would lose it`);
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
    if (!pausedCall) {
      throw new Error(
        'asyncify driver: wasm is unwinding, but no suspending import of this driver started ' +
          "it: was the import handed to another stack's driver?",
      );
    }
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
        atLeast: position - layout.bufferStart,
        capacity: layout.bufferEnd - layout.bufferStart,
        bufferEnd: layout.bufferEnd,
        cause: trap ?? undefined,
      });
    }
    if (trap) {
      throw trap;
    }
    savedStack = { position, bytes: savedBytes(position) };
    tracer.arrow('wasm', 'js', `unwound: ${position - layout.bufferStart} bytes saved`, {
      frames: framesAtPause,
      saved: [...savedStack.bytes],
      buffer: [layout.bufferStart, layout.bufferEnd],
    });
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
    try {
      settled = { value: await promise };
    } catch (error) {
      tracer.note('js', `${tracedCall}'s promise rejected`);
      throw error;
    }
    tracer.note('js', `${tracedCall}'s promise fulfilled`);
  }

  /** Starts the rewind; the next call to the same export resumes where it stopped. */
  function startRewind() {
    expectState('normal', 'before starting a rewind');
    if (!settled) {
      throw new Error('asyncify driver: nothing to rewind to; await waitForPending() first');
    }
    checkHeader('before rewinding');
    checkSavedStack();
    rewindStarted = true;
    tracer.note('js', 'asyncify_start_rewind');
    exports.asyncify_start_rewind(layout.dataAddress);
  }

  /**
   * Forgets this driver's paused call, if any, and brings wasm back to the
   * normal state when this driver's unwind or rewind was left unfinished.
   */
  function reset() {
    const unfinished = exports ? state() : 'normal';
    try {
      // Both set the state to normal first, then may trap on an overflowed header.
      if (unfinished === 'unwinding') attached().asyncify_stop_unwind();
      if (unfinished === 'rewinding') attached().asyncify_stop_rewind();
    } catch {
      // The trap is the overflow already reported; the state is normal now.
    }
    pending?.catch(() => {}); // nobody awaits it any more
    pausedCall = null;
    pending = null;
    settled = null;
    savedStack = null;
    rewindStarted = false;
    if (layout) {
      resetHeader();
    }
  }

  // A trap while unwinding happened as locals were saved: the buffer, or the
  // memory after it, was too small.
  function explainTrap(error) {
    if (!pausedCall || state() !== 'unwinding') {
      return error;
    }
    const { position } = readHeader();
    const saved = position - layout.bufferStart;
    const roomToMemoryEnd = attached().memory.buffer.byteLength - layout.bufferStart;
    return new AsyncifyOverflowError({
      needed: undefined,
      atLeast: Math.max(saved, roomToMemoryEnd) + 1,
      capacity: layout.bufferEnd - layout.bufferStart,
      roomToMemoryEnd,
      cause: error,
    });
  }

  function runWasm(wasmFunction, args) {
    const instance = exports.asyncify_get_state;
    instancesRunningWasm.add(instance);
    const again = rewindStarted ? ' again, to rewind' : '';
    tracer.arrow('js', 'wasm', `call ${exportNameOf(wasmFunction)}(${args.map(showValue).join(', ')})${again}`);
    try {
      const result = wasmFunction(...args);
      if (state() === 'normal') tracer.arrow('wasm', 'js', `${exportNameOf(wasmFunction)} returned`);
      return result;
    } catch (error) {
      throw explainTrap(error);
    } finally {
      instancesRunningWasm.delete(instance);
    }
  }

  /**
   * Calls `wasmFunction(...args)` until it returns without unwinding, awaiting
   * each suspending import on the way, and resolves to its result. A refusal
   * throws at once (not as a rejected promise), so that one made inside an
   * import reaches the wasm that called the import.
   */
  function call(wasmFunction, ...args) {
    if (instancesRunningWasm.has(attached().asyncify_get_state)) {
      throw new Error(
        'asyncify driver: driver.call was used inside an import while wasm of the same ' +
          'instance is running; call the export directly (`exports.name(...)`): if it pauses, ' +
          "the outer call's unwind and rewind carry it",
      );
    }
    // The buffer holds one paused stack; a second call would overwrite it.
    if (callInProgress) {
      throw new Error(
        `asyncify driver: another call is paused${pausedCall ? ` (in ${pausedCall})` : ''}; ` +
          'await it before calling again, or give each stack a driver of its own',
      );
    }
    expectState('normal', 'when a call starts');
    callInProgress = true;
    return driveToCompletion(wasmFunction, args).finally(() => {
      callInProgress = false;
    });
  }

  async function driveToCompletion(wasmFunction, args) {
    try {
      // ANCHOR: driver_loop
      for (;;) {
        const result = runWasm(wasmFunction, args);
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
    } catch (error) {
      tracer.note('js', `the call failed: ${error?.name ?? 'a value was thrown'}; the driver resets`);
      reset();
      throw error;
    }
  }

  const driver = {
    suspending,
    attach,
    call,
    state,
    stopUnwind,
    waitForPending,
    startRewind,
    reset,
    /** The outstanding pause, such as `'sleep(20)'`, or null. */
    pausedCall: () => pausedCall,
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
  } else if (dataAddress === 0) {
    problems.push(
      'dataAddress 0 puts the header where a null pointer points; code that reads or writes ' +
        'address 0 would meet the stack position instead of what it expects, and give changed ' +
        "results without an error (binaryen's own tests use 4); start at 4 or later",
    );
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
