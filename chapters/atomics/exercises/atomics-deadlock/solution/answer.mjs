// Exercise atomics-deadlock: worker B's answer, which wakes worker A up.
//
// Worker A (../../worker_a.mjs, through ../../protocol.mjs's
// waitForAnswer) has stored PENDING in STATUS, posted its request, and is
// now blocked in
//
//     Atomics.wait(slots, STATUS, PENDING, 1000)
//
// Worker B has done the asynchronous work and calls sendAnswer() below with
// the result.

// The cell's Int32 slots, and the STATUS value that means "answered".
const STATUS = 0;
const RESULT = 1;
const DONE = 1;

/** Answers worker A's request in `cell` with `value`, and wakes worker A. */
export function sendAnswer(cell, value) {
  const slots = new Int32Array(cell, 0, 2);
  Atomics.store(slots, RESULT, value);
  // STATUS last: whoever sees DONE also sees RESULT.
  Atomics.store(slots, STATUS, DONE);
  // Wake whoever sleeps on the slot that changed: worker A waits on STATUS,
  // and a notify on any other index wakes nobody.
  Atomics.notify(slots, STATUS);
}
