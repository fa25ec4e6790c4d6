// Checks the learner's await_callback.mjs: sleepThenFinish(exports, timer,
// value, ms) must resolve with what finish() returns once the timer fired.
import { sleepThenFinish } from './await_callback.mjs';

// Long enough after every timer here that a promise still pending then never settles.
const GIVE_UP_AFTER_MS = 1000;
const NOT_SETTLED = Symbol('not settled');

export async function run(host) {
  let timer = null; // the timer object of the call in progress
  let calledBackAtOnce = false;
  const nowMs = () => Math.floor(host.now());
  const fire = (firing) => {
    firing.fired = true;
    if (typeof firing.whenFired === 'function') {
      firing.whenFired();
    } else {
      host.log('  the timer fired, but timer.whenFired was not set yet');
    }
  };
  const { exports } = await host.instantiate('double-later', {
    env: {
      now_ms: nowMs,
      set_timeout: (ms) => {
        const firing = timer;
        if (calledBackAtOnce) {
          fire(firing);
        } else {
          // host.sleep waits at least ms by the same clock as now_ms.
          host.sleep(ms).then(() => fire(firing));
        }
      },
    },
  });

  async function check(value, ms) {
    timer = { fired: false, whenFired: undefined };
    const firing = timer;
    const ticker = host.ticker();
    let firedWhenSettled = null;
    const promise = sleepThenFinish(exports, firing, value, ms);
    const watched = Promise.resolve(promise).then((result) => {
      firedWhenSettled = firing.fired;
      return result;
    });
    const outcome = await Promise.race([watched, host.sleep(GIVE_UP_AFTER_MS).then(() => NOT_SETTLED)]);
    const ticks = ticker.stop();
    if (outcome === NOT_SETTLED) {
      host.log(`  it had not settled ${GIVE_UP_AFTER_MS} ms after the call`);
      return { ticks };
    }
    host.log(`  it resolved with ${outcome}`);
    host.fact(`  that is what finish() returns after the wait (2 × ${value})`, outcome === value * 2);
    host.fact('  it resolved only after the timer fired', firedWhenSettled === true);
    return { ticks };
  }

  host.log('await sleepThenFinish(exports, timer, 21, 30)');
  const { ticks } = await check(21, 30);
  host.fact('  the event loop ran while it waited (ticks > 0)', ticks > 0);
  host.detail(`  ${ticks} ticks while waiting`);

  calledBackAtOnce = true;
  host.log('await sleepThenFinish(exports, timer, 50, 0), with a host that calls back inside start()');
  await check(50, 0);
}
