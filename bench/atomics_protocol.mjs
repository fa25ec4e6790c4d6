// The cells of the atomics bench's shared Int32Array.
export const CELL = {
  requests: 0, // requests made so far (the worker increments it)
  value: 1, // the value of the latest request
  answers: 2, // requests answered so far (the main thread)
  answer: 3, // the latest answer
  command: 4, // round trips wanted in the next batch; -1 stops the worker
  batch: 5, // batches commanded so far
  batchDone: 6, // batches finished so far
  failed: 7, // nonzero once an answer was wrong
  count: 8,
};

/** Tells the worker to run `rounds` round trips (or, with -1, to stop). */
export function commandWorker(cells, rounds) {
  Atomics.store(cells, CELL.command, rounds);
  Atomics.add(cells, CELL.batch, 1);
  Atomics.notify(cells, CELL.batch);
}
