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
  const { exports } = wasm;
  let result;
  for (;;) {
    result = wasmFunction(...args);
    if (exports.asyncify_get_state() !== UNWINDING) {
      break; // finished
    }
    // TODO: wasm is unwinding: its stack is saved and the import's promise is
    // pending. Stop the unwind, await the promise, and start the rewind at
    // wasm.dataAddress; then go round the loop to call wasmFunction again.
    break; // TODO: remove this once the three steps are above it
  }
  // TODO: the caller awaits this function for the export's result, but as
  // written it resolves to undefined: the source chapter's bug.
}
