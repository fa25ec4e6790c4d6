// A sleep that reports, as facts, what happened while wasm was paused: the
// event loop kept running, and the wait lasted as long as asked.
// ANCHOR: observed_sleep
export async function observedSleep(host, ms) {
  const probe = host.ticker();
  const elapsed = await host.sleep(ms);
  const ticks = probe.stop();
  host.fact('  event loop stayed responsive during the sleep (ticks > 0)', ticks > 0);
  host.fact(`  slept at least ${ms} ms`, elapsed >= ms);
  host.detail(`  ${ticks} ticks, ${elapsed} ms`);
}
// ANCHOR_END: observed_sleep
