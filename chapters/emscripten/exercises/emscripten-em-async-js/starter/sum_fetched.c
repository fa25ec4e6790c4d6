// Exercise emscripten-em-async-js: a C loop that awaits JavaScript.
#include <emscripten.h>

// TODO: declare fetch_number with EM_ASYNC_JS, so that it awaits
// Module.fetchNumber(index) and returns the number it resolves to. This
// stand-in answers at once, and always 0.
int fetch_number(int index) {
  return 0;
}

EMSCRIPTEN_KEEPALIVE int sum_fetched(int count) {
  int sum = 0;
  for (int index = 0; index < count; index++) {
    sum += fetch_number(index);
  }
  return sum;
}
