// Exercise emscripten-ccall: call wait_rounds(rounds, ms) from the chapter's
// wait_loop.c and give JavaScript a promise of its real result.

/** A promise of what wait_rounds(rounds, ms) returns in C. */
export function sumOfWaits(module, rounds, ms) {
  // TODO: this is the source chapter's call. It returns as soon as C first
  // waits, with a number that is not the result. Let Emscripten hand you a
  // promise instead.
  return module._wait_rounds(rounds, ms);
}
