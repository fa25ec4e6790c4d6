// The module wasm asks for. Nothing imports it statically: it is loaded only
// when wasm names it.
export function compute() {
  return 6 * 7;
}
