// Variant: two sleeps that overlap, on a clock the harness moves by hand (no
// real timers, so the log is the same on any machine). With the chapter's
// one global start time, the longer sleep measures from the wrong start;
// with the start time handed back by the host, both are right.

// ANCHOR: overlap
async function twoOverlappingSleeps(host, module) {
  let clock = 1000;
  const timers = [];
  const { exports } = await host.instantiate(module, {
    env: {
      now_ms: () => clock,
      // `startedAt` is undefined for the module with the global: it passes one argument.
      set_timeout: (duration, startedAt) => timers.push({ duration, startedAt, due: clock + duration }),
    },
  });
  exports.sleep(200); // at 1000
  clock = 1100;
  exports.sleep(20); // at 1100, while the first still waits
  timers.sort((a, b) => a.due - b.due);
  for (const { duration, startedAt, due } of timers) {
    clock = due;
    const elapsed = exports.sleep_callback(startedAt);
    host.log(`  sleep(${duration}) called back, measured ${elapsed} ms`);
    host.fact(`  sleep(${duration}) measured its own wait`, elapsed === duration);
  }
}
// ANCHOR_END: overlap

export async function run(host) {
  host.log('one global start time (sleep.wat):');
  await twoOverlappingSleeps(host, 'sleep');
  host.log('the start time travels with the timer (ticketed.wat):');
  await twoOverlappingSleeps(host, 'ticketed');
}
