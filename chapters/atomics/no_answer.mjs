// A worker B that never answers: the timeout on Atomics.wait is what turns a
// hang into an error that worker A can report.
import { startWorkers } from './start_workers.mjs';

// ANCHOR: run
const DURATION_MS = 50;
const TIMEOUT_MS = 200; // short, and far below the chapter's time limit

export async function run(host) {
  host.log(`main thread: worker A waits at most ${TIMEOUT_MS} ms; this worker B never answers`);
  const workers = await startWorkers(host, {
    durationMs: DURATION_MS,
    timeoutMs: TIMEOUT_MS,
    workerBAnswers: false,
  });
  const report = await workers.workerA.result;
  // Worker B still holds a request it will never answer: stop it.
  await workers.workerA.terminate();
  await workers.workerB.terminate();
  host.log('main thread: both workers terminated');

  host.fact('worker A gave up with an error instead of hanging', report.error !== null);
  // Atomics.wait measures its timeout on a clock that may round differently
  // from ours.
  host.fact(`worker A waited its whole ${TIMEOUT_MS} ms first`, report.waitedMs >= TIMEOUT_MS - 1);
  host.detail(`worker A blocked ${report.waitedMs.toFixed(1)} ms`);
}
// ANCHOR_END: run
