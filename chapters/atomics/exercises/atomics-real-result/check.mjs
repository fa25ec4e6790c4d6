// Checks the learner's worker_b.mjs against the chapter's own worker A, which
// runs sleep.wasm and blocks in Atomics.wait until worker B has answered.
// Worker B runs inside worker_b_probe.mjs, which records the order of its
// events: a machine under load stretches times, never that order.
const DURATION_MS = 50;
const TIMEOUT_MS = 2000; // worker A never waits longer, so a silent worker B fails fast

const SLEPT_THEN_NOTIFIED = 1; // as worker_b_probe.mjs writes it

export async function run(host) {
  const { port1, port2 } = new MessageChannel();
  const observed = new SharedArrayBuffer(4);
  const workerB = await host.startWorker(new URL('./worker_b_probe.mjs', import.meta.url), {
    name: 'worker B',
    data: { port: port2, durationMs: DURATION_MS, observed },
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
  host.fact(
    `worker B's host.sleep(${DURATION_MS}) was over before it woke worker A`,
    new Int32Array(observed)[0] === SLEPT_THEN_NOTIFIED,
  );
  host.detail(`sleep returned ${report.result}; worker A blocked ${report.waitedMs.toFixed(1)} ms`);
}
