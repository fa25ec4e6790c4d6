// What worker A spares us: the same blocking import, called on the main
// thread. Node allows it and the event loop freezes; browsers refuse it.
import { blockingTimeout } from './blocking_timeout.mjs';
import { mayBlock } from './protocol.mjs';

// ANCHOR: run
const DURATION_MS = 50;
// A safety net: a loaded machine may take seconds to let worker B answer.
const TIMEOUT_MS = 5000;

export async function run(host) {
  host.log('main thread: starting worker B only; this thread will run sleep.wasm itself');
  const { port1, port2 } = new MessageChannel();
  const workerB = await host.startWorker(new URL('./worker_b.mjs', import.meta.url), {
    name: 'worker B',
    data: { port: port2, answers: true },
    transfer: [port2],
  });
  await workerB.result;
  const { js_timeout, lastWait } = blockingTimeout(host, port1, TIMEOUT_MS);
  if (!mayBlock()) {
    // A browser host lands here: the lesson's log then differs from Node's.
    host.log('main thread: Atomics.wait throws a TypeError here, as on a web page');
    await workerB.terminate();
    return;
  }
  const { exports } = await host.instantiate('sleep', { env: { js_timeout } });

  host.log(`main thread: calling sleep(${DURATION_MS})`);
  const ticker = host.ticker();
  const result = exports.sleep(DURATION_MS);
  const ticks = ticker.stop();
  await workerB.terminate();

  const frozen = ticks === 0;
  host.fact('the main thread froze while it waited: no timer callback ran (ticks = 0)', frozen);
  const { waitedMs } = lastWait();
  host.fact(
    `sleep(${DURATION_MS}) returned the time worker B measured`,
    result >= DURATION_MS - 1 && result <= Math.ceil(waitedMs),
  );
  host.detail(`sleep returned ${result}; the main thread blocked ${waitedMs.toFixed(1)} ms`);
}
// ANCHOR_END: run
