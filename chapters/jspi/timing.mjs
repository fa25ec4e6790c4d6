// A timer-based wait that the harnesses can state facts about.
// ANCHOR: wait_at_least
/**
 * Waits at least `ms` milliseconds through the event loop and resolves to the
 * whole milliseconds that passed. A timer alone is not enough: Node counts
 * timers in whole milliseconds, so by performance.now() one can end up to a
 * millisecond early. Whatever is left is waited again.
 */
export async function waitAtLeast(host, ms) {
  const started = host.now();
  for (let left = ms; left > 0; left = started + ms - host.now()) {
    await host.sleep(Math.ceil(left));
  }
  return Math.floor(host.now() - started);
}
// ANCHOR_END: wait_at_least
