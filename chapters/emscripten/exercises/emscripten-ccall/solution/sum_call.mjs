// Exercise emscripten-ccall: call wait_rounds(rounds, ms) from the chapter's
// wait_loop.c and give JavaScript a promise of its real result.

/** A promise of what wait_rounds(rounds, ms) returns in C. */
export function sumOfWaits(module, rounds, ms) {
  return module.ccall('wait_rounds', 'number', ['number', 'number'], [rounds, ms], {
    async: true,
  });
}
