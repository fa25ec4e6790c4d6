// Atomics: the unmodified round_trip.wat runs in a worker, whose `wait`
// import blocks on Atomics.wait; this thread answers each request after
// awaiting an already-resolved promise, then notifies. One round trip is two
// wake-ups across threads.
import { CELL, commandWorker } from './atomics_protocol.mjs';

// A waitAsync whose wake-up never comes is retried: Node can lose a notify
// from a worker to a main-thread waiter, and then nothing else would wake it.
const RECHECK_MS = 20;

async function changeOf(cells, index, value) {
  for (;;) {
    const waiting = Atomics.waitAsync(cells, index, value, RECHECK_MS);
    if (waiting.async) await waiting.value;
    if (Atomics.load(cells, index) !== value) {
      return;
    }
  }
}

export async function prepare(host) {
  if (typeof SharedArrayBuffer !== 'function') {
    throw new Error('SharedArrayBuffer is unavailable: the page is not cross-origin isolated');
  }
  const cells = new Int32Array(new SharedArrayBuffer(CELL.count * 4));
  const worker = await host.startWorker(new URL('./atomics_worker.mjs', import.meta.url), {
    name: 'bench worker',
    data: { cells },
  });
  let served = 0;
  return {
    async roundTrips(n) {
      commandWorker(cells, n);
      for (let i = 0; i < n; i += 1) {
        await changeOf(cells, CELL.requests, served);
        served = Atomics.load(cells, CELL.requests);
        const answer = await Promise.resolve(Atomics.load(cells, CELL.value));
        Atomics.store(cells, CELL.answer, answer);
        Atomics.store(cells, CELL.answers, served);
        Atomics.notify(cells, CELL.answers);
      }
      await changeOf(cells, CELL.batchDone, Atomics.load(cells, CELL.batch) - 1);
      if (Atomics.load(cells, CELL.failed) !== 0) throw new Error('atomics: a round trip answered wrongly');
    },
    async close() {
      commandWorker(cells, -1);
      await worker.result;
    },
  };
}
