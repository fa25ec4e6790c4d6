// Checks the learner's add_later.wat: add_later(a, b, ms) must start a timer
// through the start_timer import and return at once; when the timer fires,
// add_later_done() must return a + b.
const CALLS = [
  { a: 20, b: 22, ms: 30 },
  { a: 1000, b: 337, ms: 10 }, // other numbers: a remembered sum would show
];

export async function run(host) {
  let current = null; // the call whose add_later is running
  const { exports } = await host.instantiate('add-later', {
    env: {
      start_timer: (ms) => {
        const call = current;
        call.timers.push(ms);
        setTimeout(() => call.timerFired(), ms);
      },
    },
  });

  for (const { a, b, ms } of CALLS) {
    host.log(`add_later(${a}, ${b}, ${ms})`);
    const call = { timers: [], timerFired: null };
    const done = new Promise((resolve) => {
      call.timerFired = () => resolve(exports.add_later_done());
    });
    current = call;
    const ticker = host.ticker();
    const returned = exports.add_later(a, b, ms);
    current = null;

    host.fact('  it returned at once, with no value (the sum comes later)', returned === undefined);
    host.fact(`  it asked the host for one timer of ${ms} ms`, call.timers.length === 1 && call.timers[0] === ms);
    host.detail(`  timers asked for: [${call.timers.join(', ')}]`);
    if (call.timers.length === 0) {
      ticker.stop();
      host.log('  no timer was started, so nothing will ever call add_later_done');
      continue;
    }
    const sum = await done;
    const ticks = ticker.stop();
    host.fact('  the event loop ran while the timer was pending (ticks > 0)', ticks > 0);
    host.detail(`  ${ticks} ticks while waiting`);
    host.log(`  the timer fired; add_later_done() returned ${sum}`);
    host.fact(`  that is ${a} + ${b}`, sum === a + b);
  }
}
