// The callback split: wasm returns to the host while the timer runs, and the
// host calls back into wasm when it fires. A Promise turns that into `await`.
// ANCHOR: run
const DURATION_MS = 50;

export async function run(host) {
  let timerFired; // set below, before sleep() can start a timer
  const { exports } = await host.instantiate('sleep', {
    env: {
      now_ms: () => Math.floor(host.now()),
      set_timeout: (ms) => setTimeout(() => timerFired(), ms),
    },
  });
  const { sleep, sleep_callback } = exports;

  const ticker = host.ticker();
  let sleepHasReturned = false;
  const elapsed = await new Promise((resolve) => {
    timerFired = () => {
      host.fact('sleep() had returned before the timer fired', sleepHasReturned);
      resolve(sleep_callback());
    };
    host.log(`calling sleep(${DURATION_MS})`);
    sleep(DURATION_MS);
    sleepHasReturned = true;
    host.log('sleep() returned at once; the wait goes on in the event loop');
  });
  const ticks = ticker.stop();

  host.fact('event loop stayed responsive during the wait (ticks > 0)', ticks > 0);
  host.detail(`${ticks} timer ticks during the wait`);
  // Node's timers count whole milliseconds and may fire up to 1 ms early.
  host.fact(`sleep_callback() measured the whole ${DURATION_MS} ms wait`, elapsed >= DURATION_MS - 1);
  host.detail(`sleep_callback() returned ${elapsed}`);
}
// ANCHOR_END: run
