// Variant: the source chapter's program, made right. ccall with
// { async: true } returns a promise of the C function's real result.

const ROUNDS = 3;
const WAIT_MS = 10;

export async function run(host) {
  // ANCHOR: run
  let waits = 0;
  const module = await host.emscripten('wait-loop', {
    hostWait: async (ms) => {
      waits += 1;
      await host.sleep(ms);
      return ms;
    },
  });
  const ticker = host.ticker();
  const pending = module.ccall('wait_rounds', 'number', ['number', 'number'], [ROUNDS, WAIT_MS], {
    async: true,
  });
  host.fact('ccall returned a promise at once', pending instanceof Promise);
  const total = await pending;
  // ANCHOR_END: run
  const ticks = ticker.stop();
  host.log(`wait_rounds(${ROUNDS}, ${WAIT_MS}) resolved to ${total}`);
  host.fact(`the result is the sum of ${ROUNDS} waits of ${WAIT_MS}`, total === ROUNDS * WAIT_MS);
  host.fact(`hostWait was awaited ${ROUNDS} times`, waits === ROUNDS);
  host.fact('the event loop ran while C waited (ticks > 0)', ticks > 0);
  host.detail(`${ticks} timer ticks`);
}
