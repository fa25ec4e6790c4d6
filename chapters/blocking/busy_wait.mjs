// The hard case: a sleep that waits by spinning, while we watch the event loop.
// ANCHOR: run
const DURATION_MS = 100;

export async function run(host) {
  // One whole-millisecond clock for the module and for our measurements.
  const nowMs = () => Math.floor(host.now());
  const { exports } = await host.instantiate('sleep', { env: { now_ms: nowMs } });

  // Resolves to the time the timer fired: due 1 ms into the sleep.
  const timerFired = new Promise((resolve) => setTimeout(() => resolve(nowMs()), 1));

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

  // Engines order overdue timers differently, so wait for this one rather than
  // for one turn.
  const timerFiredAt = await timerFired;
  host.fact('the 1 ms timer fired only after sleep returned', timerFiredAt >= returned);
}
// ANCHOR_END: run
