// Worker B: the asynchronous half. It never blocks, so its event loop keeps
// running timers and promises; it answers each request in the cell that came
// with it, and worker A wakes up.
import { answer, answerWithError } from './protocol.mjs';

// ANCHOR: async_work
// The asynchronous operation: a timer, and how long it really took.
async function measuredTimeout(host, durationMs) {
  if (durationMs < 0) throw new RangeError(`cannot wait ${durationMs} ms`);
  const started = host.now();
  await host.sleep(durationMs);
  return Math.ceil(host.now() - started);
}
// ANCHOR_END: async_work

// ANCHOR: run
export async function run(host) {
  const { port, answers } = host.data;
  if (!answers) {
    // The "never answers" lesson: requests arrive and are dropped, for good.
    port.onmessage = () => {};
    host.log('ready: this worker B takes requests and never answers them');
    return;
  }
  port.onmessage = async ({ data: { durationMs, cell } }) => {
    host.log(`request: wait ${durationMs} ms`);
    try {
      const value = await measuredTimeout(host, durationMs);
      host.log('done: storing RESULT, then STATUS = DONE, then notify');
      answer(cell, value);
    } catch (error) {
      // A failure must reach the waiter as an error, or it would wait until its
      // timeout.
      host.log(`failed (${error}): storing ERROR, then STATUS = FAILED, then notify`);
      answerWithError(cell, String(error));
    }
  };
  host.log('ready: waiting for requests');
}
// ANCHOR_END: run
