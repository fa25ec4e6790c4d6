// Variant: a pointer past the end of memory traps; the trap reaches
// JavaScript as a WebAssembly.RuntimeError, and the instance survives it.

// ANCHOR: run
export async function run(host) {
  const { exports } = await host.instantiate('strings');
  const end = exports.memory.buffer.byteLength;
  try {
    exports.count_code_points(end - 2, 4);
    host.log('no trap');
  } catch (error) {
    host.fact('the trap is a WebAssembly.RuntimeError', error instanceof WebAssembly.RuntimeError);
    host.log(`its message: ${error.message}`);
  }
  host.log(`reading the last 2 bytes still works: ${exports.count_code_points(end - 2, 2)} code points`);
}
// ANCHOR_END: run
