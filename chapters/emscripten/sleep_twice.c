// The source chapter's own program, with one correction: the async function
// comes from this instance's `Module`, not from a global set later by a page.
// It prints before and after one wait; under Asyncify the export is entered
// twice, and the second entry skips the first printf.
#include <emscripten.h>
#include <stdio.h>

// ANCHOR: timeout
EM_ASYNC_JS(int, timeout, (int duration), {
  return await Module.js_timeout(duration);
});
// ANCHOR_END: timeout

// ANCHOR: wasm_sleep
EMSCRIPTEN_KEEPALIVE void wasm_sleep(int duration) {
  printf("Before sleep %d\n", 12345);
  int result = timeout(duration);
  printf("After sleep %d\n", result);
}
// ANCHOR_END: wasm_sleep
