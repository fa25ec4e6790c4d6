// When a paused stack does not fit its buffer: the error the driver throws,
// whether binaryen's own check found it or unwinding trapped first.

import { wasmState } from './state.mjs';

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

/** The overflow that binaryen's check found: the saved stack reached past the buffer. */
export function overflowPastEnd(region, position, trap) {
  return new AsyncifyOverflowError({
    needed: position - region.bufferStart,
    atLeast: position - region.bufferStart,
    capacity: region.capacity,
    bufferEnd: region.bufferEnd,
    cause: trap ?? undefined,
  });
}

/**
 * A trap while unwinding happened as locals were saved: the buffer, or the
 * memory after it, was too small. Any other error is returned as it is.
 */
export function explainTrap(driverState, error) {
  const { pause, region } = driverState;
  if (!pause.call || wasmState(driverState) !== 'unwinding') {
    return error;
  }
  const saved = region.read().position - region.bufferStart;
  const roomToMemoryEnd = region.roomToMemoryEnd();
  return new AsyncifyOverflowError({
    needed: undefined,
    atLeast: Math.max(saved, roomToMemoryEnd) + 1,
    capacity: region.capacity,
    roomToMemoryEnd,
    cause: error,
  });
}
