// Checks the learner's answer.mjs: the chapter's worker A runs sleep.wasm and
// blocks in Atomics.wait; this exercise's worker B answers with sendAnswer().
const DURATION_MS = 50;
const TIMEOUT_MS = 1000; // worker A's limit: a lost wake-up fails in 1 s, not at the time limit

const STATUS = 0;
const DONE = 1;

export async function run(host) {
  host.log(`main thread: worker A waits at most ${TIMEOUT_MS} ms for its answer`);
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
  const { sentValue, notifies } = await workerB.receive(); // sent once sendAnswer() returned
  await workerA.terminate();
  await workerB.terminate();

  host.fact(
    `worker A woke up with its answer, before its ${TIMEOUT_MS} ms timeout`,
    report.error === null,
  );
  host.fact(
    `sleep(${DURATION_MS}) returned the value worker B sent`,
    report.error === null && report.result === sentValue,
  );
  const onStatus = notifies.filter((notify) => notify.slot === STATUS);
  host.fact('sendAnswer() called Atomics.notify on STATUS, the slot worker A waits on', onStatus.length > 0);
  host.fact(
    'its last notify on STATUS came after STATUS = DONE was stored',
    onStatus.length > 0 && onStatus.at(-1).status === DONE,
  );
  host.detail(`notifies: ${JSON.stringify(notifies)}; worker A blocked ${report.waitedMs.toFixed(1)} ms`);
}
