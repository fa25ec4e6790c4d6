// Starts one build of wait_loop.c with a `hostWait` that sleeps on the
// event loop and answers how long it slept.
export async function startWaitLoop(host, build, onWait = () => {}) {
  return host.emscripten(build, {
    hostWait: async (ms) => {
      await host.sleep(ms);
      onWait(ms);
      return ms;
    },
  });
}

// ANCHOR: ccall
/** wait_rounds(rounds, ms) through ccall, always as a promise of its result. */
export function waitRounds(module, rounds, ms) {
  return module.ccall('wait_rounds', 'number', ['number', 'number'], [rounds, ms], {
    async: true,
  });
}
// ANCHOR_END: ccall
