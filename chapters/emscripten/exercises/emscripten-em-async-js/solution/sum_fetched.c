// Exercise emscripten-em-async-js: a C loop that awaits JavaScript.
#include <emscripten.h>

EM_ASYNC_JS(int, fetch_number, (int index), {
  return await Module.fetchNumber(index);
});

EMSCRIPTEN_KEEPALIVE int sum_fetched(int count) {
  int sum = 0;
  for (int index = 0; index < count; index++) {
    sum += fetch_number(index);
  }
  return sum;
}
