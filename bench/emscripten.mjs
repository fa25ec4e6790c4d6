// Emscripten: the emscripten chapter's wait_loop.c (built by emcc, or its
// recorded build), whose EM_ASYNC_JS wait answers at once. One ccall runs n
// waits, each an Asyncify unwind and rewind driven by emcc's glue.
import { expectAnswer } from './check.mjs';

export async function prepare(host) {
  const module = await host.emscripten('emscripten-wait-loop', { hostWait: async (ms) => ms });
  return {
    async roundTrips(n) {
      const total = await module.ccall('wait_rounds', 'number', ['number', 'number'], [n, 1], {
        async: true,
      });
      expectAnswer('emscripten', total, n);
    },
  };
}
