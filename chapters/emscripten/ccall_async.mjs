// Variant: the source chapter's program, made right. ccall with
// { async: true } returns a promise of the C function's real result.
import { startWaitLoop, waitRounds } from './wait_module.mjs';

const ROUNDS = 3;
const WAIT_MS = 10;

export async function run(host) {
  // ANCHOR: run
  let waits = 0;
  const module = await startWaitLoop(host, 'wait-loop', () => {
    waits += 1;
  });
  const ticker = host.ticker();
  const pending = waitRounds(module, ROUNDS, WAIT_MS);
  host.fact('ccall returned a promise at once', pending instanceof Promise);
  const total = await pending;
  // ANCHOR_END: run
  const ticks = ticker.stop();
  host.log(`wait_rounds(${ROUNDS}, ${WAIT_MS}) resolved to ${total}`);
  host.fact(`the result is the sum of ${ROUNDS} waits of ${WAIT_MS}`, total === ROUNDS * WAIT_MS);
  host.fact(`hostWait was awaited ${ROUNDS} times`, waits === ROUNDS);
  host.fact('the event loop ran while C waited (ticks > 0)', ticks > 0);
  host.detail(`${ticks} timer ticks`);

  // ANCHOR: no_pause
  const neverPaused = waitRounds(module, 0, WAIT_MS);
  // ANCHOR_END: no_pause
  host.fact('a call that never paused returned a promise too', neverPaused instanceof Promise);
  host.log(`wait_rounds(0, ${WAIT_MS}) resolved to ${await neverPaused}`);
}
