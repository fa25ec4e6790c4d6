// Exercise jspi-promising: the two JSPI wrappers.
//
// The check instantiates the chapter's unmodified sleep.wat. Its import `wait`
// is given asSuspending(waitAsync), where waitAsync is an async function that
// returns a Promise; its export `sleep` is called as asPromising(exports.sleep).
// The module calls `wait` as if it blocked and uses the number it returns.

/** Wraps an async JS function so that wasm can import it and wait for its Promise. */
export function asSuspending(asyncFunction) {
  // When the function returns a Promise, the engine sets the wasm stack aside
  // until it settles; the settled value is what `call $wait` returns.
  return new WebAssembly.Suspending(asyncFunction);
}

/** Wraps a wasm export so that calling it may suspend, and returns a Promise of its result. */
export function asPromising(wasmExport) {
  // Each call runs the export on a stack of its own, which a suspending
  // import can set aside, and returns a Promise of the export's result.
  return WebAssembly.promising(wasmExport);
}
