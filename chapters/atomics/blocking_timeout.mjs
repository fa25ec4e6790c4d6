// The import that makes the synchronous sleep module work: it hands the wait
// to worker B and blocks the calling thread until worker B has answered.
import { createAnswerCell, expectAnswer, waitForAnswer } from './protocol.mjs';

/**
 * Builds the `js_timeout` import for a thread that may block.
 * `port` reaches worker B; `timeoutMs` bounds every wait.
 * `lastWait()` tells how long the latest call blocked and how Atomics.wait returned.
 */
export function blockingTimeout(host, port, timeoutMs) {
  const cell = createAnswerCell();
  let lastWait = { waitedMs: 0, outcome: 'none' };
  // ANCHOR: js_timeout
  const js_timeout = (durationMs) => {
    expectAnswer(cell);
    host.log(
      `js_timeout(${durationMs}): posting a request to worker B, then blocking in Atomics.wait`,
    );
    const started = host.now();
    port.postMessage({ durationMs, cell });
    try {
      const { value, outcome } = waitForAnswer(cell, timeoutMs);
      lastWait = { waitedMs: host.now() - started, outcome };
      // Erratum: the source chapter returns a hard-coded 54321 at this point,
      // whatever worker B did. The answer is the value worker B stored in RESULT.
      return value;
    } catch (error) {
      lastWait = { waitedMs: host.now() - started, outcome: 'error' };
      throw error; // through the wasm frames, out of sleep(), to the caller
    }
  };
  // ANCHOR_END: js_timeout
  return { js_timeout, lastWait: () => lastWait };
}
