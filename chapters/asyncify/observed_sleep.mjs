// A sleep that reports, as facts, what happened while wasm was paused: the
// event loop kept running, and the wait lasted as long as asked.
// ANCHOR: observed_sleep
export async function observedSleep(host, ms) {
  const probe = host.ticker();
  // Whole milliseconds on both ends, like Node's timers.
  const startedAt = Math.floor(host.now());
  await host.sleep(ms);
  const elapsed = Math.floor(host.now()) - startedAt;
  const ticks = probe.stop();
  host.fact('  event loop stayed responsive during the sleep (ticks > 0)', ticks > 0);
  // Node's timers may fire up to 1 ms early.
  host.fact(`  slept at least ${ms} ms`, elapsed >= ms - 1);
  host.detail(`  ${ticks} ticks, ${elapsed} ms`);
}
// ANCHOR_END: observed_sleep
