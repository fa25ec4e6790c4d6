// Checks the learner's worker_b.mjs against the chapter's own worker A, which
// runs sleep.wasm and blocks in Atomics.wait until worker B has answered.
const DURATION_MS = 50;
const TIMEOUT_MS = 2000; // worker A never waits longer, so a silent worker B fails fast

export async function run(host) {
  const { port1, port2 } = new MessageChannel();
  const workerB = await host.startWorker(new URL('./worker_b.mjs', import.meta.url), {
    name: 'worker B',
    data: { port: port2 },
    transfer: [port2],
  });
  await workerB.result; // its run() has returned: it is listening
  const workerA = await host.startWorker(new URL('../../worker_a.mjs', import.meta.url), {
    name: 'worker A',
    data: { port: port1, durationMs: DURATION_MS, timeoutMs: TIMEOUT_MS },
    transfer: [port1],
  });
  const report = await workerA.result;
  await workerA.terminate();
  await workerB.terminate();

  host.fact(`worker A's sleep(${DURATION_MS}) returned a value`, report.error === null);
  host.fact(
    `the value is a wait of at least ${DURATION_MS} ms`,
    report.error === null && report.result >= DURATION_MS,
  );
  // Worker B's wait starts after worker A starts blocking and ends before it
  // wakes, so a measured time can never exceed worker A's blocked time.
  host.fact(
    'the value is no longer than worker A was blocked, so worker B measured it during the wait',
    report.error === null && report.result <= Math.ceil(report.waitedMs),
  );
  host.detail(`sleep returned ${report.result}; worker A blocked ${report.waitedMs.toFixed(1)} ms`);
}
