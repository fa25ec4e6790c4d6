// The hard case: a sleep that waits by spinning, while we watch the event loop.
// ANCHOR: run
const DURATION_MS = 100;

export async function run(host) {
  // One whole-millisecond clock for the module and for our measurements.
  const nowMs = () => Math.floor(host.now());
  const { exports } = await host.instantiate('sleep', { env: { now_ms: nowMs } });

  let timerFiredAt = null;
  setTimeout(() => {
    timerFiredAt = nowMs();
  }, 1); // due 1 ms into the sleep

  const ticker = host.ticker();
  const started = nowMs();
  host.log(`calling sleep(${DURATION_MS})`);
  exports.sleep(DURATION_MS);
  const returned = nowMs();
  const ticks = ticker.stop();
  host.log('sleep returned');

  host.log(`timer callbacks that ran during sleep: ${ticks}`);
  host.fact(`sleep returned only after ${DURATION_MS} ms`, returned - started >= DURATION_MS);
  host.detail(`sleep took ${returned - started} ms`);

  await host.sleep(0); // give the event loop its first turn since the call
  host.fact('the 1 ms timer fired only after sleep returned', timerFiredAt >= returned);
}
// ANCHOR_END: run
