// Checks the learner's spin.wat: spin_sleep(ms) must not return before `ms`
// have passed, must return the time it woke, and starves the event loop.
const DURATION_MS = 50;

export async function run(host) {
  const nowMs = () => Math.floor(host.now());
  const { exports } = await host.instantiate('spin', { env: { now_ms: nowMs } });

  const ticker = host.ticker();
  const started = nowMs();
  const wokeAt = exports.spin_sleep(DURATION_MS);
  const returned = nowMs();
  const ticks = ticker.stop();

  host.log(`called spin_sleep(${DURATION_MS})`);
  host.fact(`returned only after ${DURATION_MS} ms`, returned - started >= DURATION_MS);
  host.fact(`the time it woke is ${DURATION_MS} ms or more after the call`, wokeAt - started >= DURATION_MS);
  host.fact('the time it woke is no later than when it returned', wokeAt <= returned);
  host.fact('no timer ran while it spun', ticks === 0);
  host.detail(`woke ${wokeAt - started} ms after the call; returned after ${returned - started} ms`);
}
