// The shared-memory protocol between the thread that waits (worker A, or the
// main thread in one variant) and the thread that does the asynchronous work
// (worker B). The comment below is its one definition.
//
// ANCHOR: protocol
// An answer cell is one SharedArrayBuffer. The waiter creates it and posts it
// with each request; posting a SharedArrayBuffer shares the memory, it does
// not copy it. Its first three Int32 slots, then a byte area:
//
//   slot 0   STATUS        PENDING (0)  asked, no answer yet
//                          DONE    (1)  RESULT holds the answer
//                          FAILED  (2)  ERROR_LENGTH and ERROR say why not
//   slot 1   RESULT        the value the asynchronous operation produced
//   slot 2   ERROR_LENGTH  how many bytes of ERROR are used
//   bytes 12 to 267  ERROR the failure message, UTF-8, cut to fit
//
// 1. The waiter stores PENDING in STATUS *before* it posts the request.
// 2. The worker writes RESULT (or ERROR_LENGTH and ERROR) first, then stores
//    DONE (or FAILED) in STATUS, then calls Atomics.notify on STATUS. STATUS
//    goes last: whoever sees DONE also sees the RESULT written before it.
// 3. The waiter blocks in Atomics.wait(STATUS, PENDING, timeout), and reads
//    RESULT or ERROR only after Atomics.load shows STATUS is no longer PENDING.
//    Atomics.wait compares and sleeps in one step, so an answer that arrives
//    before the waiter does is not lost: the wait returns "not-equal" at once.
// 4. The waiter always passes a timeout. If it returns "timed-out":
//    STATUS still PENDING          -> nobody answered in time;
//    STATUS already DONE or FAILED -> the answer was written, but nobody
//                                     called Atomics.notify (a lost wake-up).
// 5. One request at a time per cell: the waiter is blocked until it is answered.
// ANCHOR_END: protocol

const STATUS = 0;
const RESULT = 1;
const ERROR_LENGTH = 2;
const SLOT_COUNT = 3;

const PENDING = 0;
const DONE = 1;
const FAILED = 2;

const ERROR_OFFSET = SLOT_COUNT * Int32Array.BYTES_PER_ELEMENT;
const ERROR_CAPACITY = 256;

/** A new answer cell; fails with the reason where shared memory is unavailable. */
export function createAnswerCell() {
  if (typeof SharedArrayBuffer !== 'function') {
    throw new Error(
      'SharedArrayBuffer is unavailable: browsers provide it only to cross-origin isolated ' +
        'pages, served with Cross-Origin-Opener-Policy: same-origin and ' +
        'Cross-Origin-Embedder-Policy: require-corp',
    );
  }
  return new SharedArrayBuffer(ERROR_OFFSET + ERROR_CAPACITY);
}

const slotsOf = (cell) => new Int32Array(cell, 0, SLOT_COUNT);

// ANCHOR: waiter
/** Rule 1: mark the cell as waiting for an answer, before posting the request. */
export function expectAnswer(cell) {
  Atomics.store(slotsOf(cell), STATUS, PENDING);
}

/**
 * Rules 3 and 4: blocks this thread until the cell is answered or `timeoutMs`
 * has passed. Returns `{ value, outcome }`, where `outcome` is what
 * Atomics.wait returned; throws when the worker failed or never woke us.
 */
export function waitForAnswer(cell, timeoutMs) {
  const slots = slotsOf(cell);
  const outcome = Atomics.wait(slots, STATUS, PENDING, timeoutMs);
  const status = Atomics.load(slots, STATUS);
  if (outcome === 'timed-out' && status === PENDING) {
    throw new Error(
      `no answer within ${timeoutMs} ms: ` +
        'Atomics.wait returned "timed-out" and STATUS is still PENDING',
    );
  }
  if (outcome === 'timed-out') {
    throw new Error(
      `Atomics.wait returned "timed-out" after ${timeoutMs} ms, yet STATUS is no longer PENDING: ` +
        'the answer was written but never announced; is Atomics.notify missing? (a lost wake-up)',
    );
  }
  if (status === FAILED) {
    throw new Error(`the asynchronous work failed: ${readError(cell)}`);
  }
  return { value: Atomics.load(slots, RESULT), outcome };
}
// ANCHOR_END: waiter

// ANCHOR: answerer
/** Rule 2, success: RESULT first, then STATUS, then wake the waiter. */
export function answer(cell, value) {
  Atomics.store(slotsOf(cell), RESULT, value);
  announce(cell, DONE);
}

/** Rule 2, failure: the message first, then STATUS, then wake the waiter. */
export function answerWithError(cell, message) {
  // Browsers refuse to encode into shared memory: encode into ordinary memory,
  // then copy.
  const encoded = new Uint8Array(ERROR_CAPACITY);
  const { written } = new TextEncoder().encodeInto(message, encoded);
  new Uint8Array(cell, ERROR_OFFSET, ERROR_CAPACITY).set(encoded.subarray(0, written));
  Atomics.store(slotsOf(cell), ERROR_LENGTH, written);
  announce(cell, FAILED);
}

function announce(cell, status) {
  const slots = slotsOf(cell);
  Atomics.store(slots, STATUS, status);
  Atomics.notify(slots, STATUS); // wakes every thread waiting on STATUS
}
// ANCHOR_END: answerer

function readError(cell) {
  const length = Atomics.load(slotsOf(cell), ERROR_LENGTH);
  // slice() copies into ordinary memory: TextDecoder may refuse a shared view.
  return new TextDecoder().decode(new Uint8Array(cell, ERROR_OFFSET, length).slice());
}

/**
 * True when this thread may block in Atomics.wait. Workers may; a browser's
 * main thread may not, and there Atomics.wait throws a TypeError before it
 * even compares the value (this probe's value never matches, so it never sleeps).
 */
export function mayBlock() {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}
