// When worker B's asynchronous work fails, worker A must hear about it at
// once, as an error thrown from the import: never as a silent hang.
import { startWorkers } from './start_workers.mjs';

// ANCHOR: run
const DURATION_MS = -1; // worker B's timer rejects a negative wait
// Generous: a loaded machine may take a second to answer, and only a lost
// wake-up would wait this long.
const TIMEOUT_MS = 5000;

export async function run(host) {
  host.log(`main thread: asking for sleep(${DURATION_MS}); worker B's async work will reject it`);
  const workers = await startWorkers(host, { durationMs: DURATION_MS, timeoutMs: TIMEOUT_MS });
  const report = await workers.workerA.result;
  await workers.workerA.terminate();
  await workers.workerB.terminate();

  host.fact('the failure reached worker A as an error thrown by sleep()', report.error !== null);
  const wokeEarly = report.waitedMs < TIMEOUT_MS / 2;
  host.fact('worker A woke up on the failure, long before its timeout', wokeEarly);
  host.detail(`worker A blocked ${report.waitedMs.toFixed(1)} ms`);
}
// ANCHOR_END: run
