// Exercise asyncify-driver: the loop that lets asyncified wasm await a promise.
//
// callToTheEnd(wasm, wasmFunction, ...args) must call wasmFunction(...args)
// until it finishes, and resolve to the value it finally returns. It gets:
// - wasm.exports: the instance's exports, among them what --asyncify added:
//   asyncify_get_state() (0 normal, 1 unwinding, 2 rewinding),
//   asyncify_stop_unwind(), asyncify_start_rewind(dataAddress);
// - wasm.dataAddress: the address of the asyncify data (the check has set it up);
// - wasm.pending(): the promise of the import that started the latest unwind.
// When wasm is rewound and called again, that import returns the promise's
// result to wasm by itself; your loop only has to get wasm there.
const UNWINDING = 1;

export async function callToTheEnd(wasm, wasmFunction, ...args) {
  const { exports, dataAddress } = wasm;
  for (;;) {
    const result = wasmFunction(...args);
    if (exports.asyncify_get_state() !== UNWINDING) {
      return result; // finished: this call's value is the export's result
    }
    // The stack is saved; back to normal, so the event loop may run wasm-free.
    exports.asyncify_stop_unwind();
    await wasm.pending();
    exports.asyncify_start_rewind(dataAddress);
  }
}
