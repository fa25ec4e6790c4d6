// Exercise atomics-deadlock: worker B's answer never wakes worker A up.
//
// Worker A (../../worker_a.mjs, through ../../protocol.mjs's
// waitForAnswer) has stored PENDING in STATUS, posted its request, and is
// now blocked in
//
//     Atomics.wait(slots, STATUS, PENDING, 1000)
//
// Worker B has done the asynchronous work and calls sendAnswer() below with
// the result. Run the exercise: worker A sleeps its whole 1000 ms and then
// reports that the answer was written but never announced.
//
// TODO: find out why worker A never wakes up, and fix sendAnswer(). Read
// rule 2 of the protocol in ../../protocol.mjs, and compare what
// worker A waits on with what this function does, line by line.

// The cell's Int32 slots, and the STATUS value that means "answered".
const STATUS = 0;
const RESULT = 1;
const DONE = 1;

/** Answers worker A's request in `cell` with `value`, and wakes worker A. */
export function sendAnswer(cell, value) {
  const slots = new Int32Array(cell, 0, 2);
  Atomics.store(slots, RESULT, value);
  // The result is there: tell worker A.
  Atomics.notify(slots, RESULT);
  Atomics.store(slots, STATUS, DONE);
}
