// A cheat dev check requires to fail: the loop drives wasm, then answers
// with the numbers a fixed check would expect instead of what wasm returned.
const UNWINDING = 1;

export async function callToTheEnd(wasm, wasmFunction, ...args) {
  const { exports, dataAddress } = wasm;
  for (;;) {
    wasmFunction(...args);
    if (exports.asyncify_get_state() !== UNWINDING) {
      break;
    }
    exports.asyncify_stop_unwind();
    await wasm.pending();
    exports.asyncify_start_rewind(dataAddress);
  }
  return args[0] === 5 ? 47 : 42;
}
