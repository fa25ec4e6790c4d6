// Exercise jspi-promising: the two JSPI wrappers.
//
// The check instantiates the chapter's unmodified sleep.wat. Its import `wait`
// is given asSuspending(waitAsync), where waitAsync is an async function that
// returns a Promise; its export `sleep` is called as asPromising(exports.sleep).
// The module calls `wait` as if it blocked and uses the number it returns.

/** Wraps an async JS function so that wasm can import it and wait for its Promise. */
export function asSuspending(asyncFunction) {
  // TODO: handed over as it is, the function's Promise reaches wasm as the
  // i32 it asked for: JavaScript converts the Promise object to a number (0),
  // and the module never waits. Wrap it so that the engine suspends the
  // calling wasm stack until the Promise settles (the standard JSPI API).
  return asyncFunction;
}

/** Wraps a wasm export so that calling it may suspend, and returns a Promise of its result. */
export function asPromising(wasmExport) {
  // TODO: a bare export has no stack of its own that could be set aside, so a
  // suspending import reached from it fails. Wrap it so that each call runs on
  // a new stack and returns a Promise at once.
  return wasmExport;
}
