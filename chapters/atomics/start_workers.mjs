// Starts the lesson's two workers, linked by a MessageChannel: worker A holds
// one end and posts requests, worker B holds the other and answers them.
// ANCHOR: start
export async function startWorkers(host, { durationMs, timeoutMs, workerBAnswers = true }) {
  const { port1, port2 } = new MessageChannel();
  const workerB = await host.startWorker(new URL('./worker_b.mjs', import.meta.url), {
    name: 'worker B',
    data: { port: port2, answers: workerBAnswers },
    // The port moves to worker B; this thread can no longer use it.
    transfer: [port2],
  });
  await workerB.result; // run() has returned: worker B is listening
  const workerA = await host.startWorker(new URL('./worker_a.mjs', import.meta.url), {
    name: 'worker A',
    data: { port: port1, durationMs, timeoutMs },
    transfer: [port1],
  });
  return { workerA, workerB };
}
// ANCHOR_END: start
