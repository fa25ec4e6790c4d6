// A C loop that waits for an async JavaScript function on every round, as if
// the function returned at once. Emscripten's Asyncify does the waiting.
#include <emscripten.h>

// ANCHOR: wait
// The body is JavaScript, and it may await. `Module` is this instance's
// module object: the harness hands it `hostWait`, so no global is needed.
EM_ASYNC_JS(int, wait_for_host, (int ms), {
  return await Module.hostWait(ms);
});
// ANCHOR_END: wait

// ANCHOR: loop
// Waits `rounds` times and returns the sum of what the waits answered.
EMSCRIPTEN_KEEPALIVE int wait_rounds(int rounds, int ms) {
  int total = 0;
  for (int round = 0; round < rounds; round++) {
    total += wait_for_host(ms);
  }
  return total;
}
// ANCHOR_END: loop
