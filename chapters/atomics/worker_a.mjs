// Worker A: runs the unmodified synchronous sleep module. Blocking is allowed
// here, because this thread has no page or event loop that anyone waits on.
import { blockingTimeout } from './blocking_timeout.mjs';

// ANCHOR: run
export async function run(host) {
  const { port, durationMs, timeoutMs } = host.data;
  const { js_timeout, lastWait } = blockingTimeout(host, port, timeoutMs);
  const { exports } = await host.instantiate('sleep', { env: { js_timeout } });

  host.log(`calling sleep(${durationMs})`);
  let result = null;
  let error = null;
  try {
    result = exports.sleep(durationMs);
    host.log(`sleep(${durationMs}) returned`);
  } catch (thrown) {
    error = thrown.message;
    host.log(`sleep(${durationMs}) threw: ${error}`);
  }
  const { waitedMs, outcome } = lastWait();
  host.detail(`sleep returned ${result}; blocked ${waitedMs.toFixed(1)} ms; wait: ${outcome}`);
  // Everything the main thread checks goes back as run()'s result.
  return { result, error, waitedMs, timesEntered: exports.times_entered() };
}
// ANCHOR_END: run
