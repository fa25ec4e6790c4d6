// The lesson: worker A blocks inside the synchronous module, worker B does the
// asynchronous wait, and the main thread stays free the whole time.
import { startWorkers } from './start_workers.mjs';

// ANCHOR: run
const DURATION_MS = 50;
// A safety net: far above the sleep (a loaded machine may take seconds to
// start worker B and answer), and below the time limit.
const TIMEOUT_MS = 5000;

export async function run(host) {
  host.log('main thread: starting worker B (the async work), then worker A (runs sleep.wasm)');
  const ticker = host.ticker();
  const workers = await startWorkers(host, { durationMs: DURATION_MS, timeoutMs: TIMEOUT_MS });
  const report = await workers.workerA.result;
  const ticks = ticker.stop();
  await workers.workerA.terminate();
  await workers.workerB.terminate();

  host.fact('main thread stayed responsive while worker A was blocked (ticks > 0)', ticks > 0);
  host.detail(`${ticks} timer ticks on the main thread`);
  // Worker B's measurement lies inside worker A's wait; a constant would not.
  const measuredByWorkerB =
    report.result >= DURATION_MS - 1 && report.result <= Math.ceil(report.waitedMs);
  host.fact(`sleep(${DURATION_MS}) returned the time worker B measured`, measuredByWorkerB);
  host.fact('sleep() was entered once and ran straight through', report.timesEntered === 1);
}
// ANCHOR_END: run
