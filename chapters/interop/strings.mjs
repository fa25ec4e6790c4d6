// A non-ASCII name goes into wasm memory as UTF-8, wasm counts it and writes
// a greeting, and JavaScript decodes the greeting back out.

const NAME = 'Zoë 🦀';

// ANCHOR: pass_in
// Copies `text` into the module's memory as UTF-8; returns [pointer, bytes].
function passString(exports, text) {
  const bytes = new TextEncoder().encode(text);
  const ptr = exports.alloc(bytes.length);
  new Uint8Array(exports.memory.buffer, ptr, bytes.length).set(bytes);
  return [ptr, bytes.length];
}
// ANCHOR_END: pass_in

// ANCHOR: read_out
// Decodes the UTF-8 bytes at [ptr, ptr + len) of the module's memory.
function readString(exports, ptr, len) {
  return new TextDecoder('utf-8', { fatal: true }).decode(
    new Uint8Array(exports.memory.buffer, ptr, len),
  );
}
// ANCHOR_END: read_out

export async function run(host) {
  const { exports } = await host.instantiate('strings');

  // ANCHOR: round_trip
  const [namePtr, nameBytes] = passString(exports, NAME);
  const codePoints = exports.count_code_points(namePtr, nameBytes);
  const [greetingPtr, greetingBytes] = exports.greet(namePtr, nameBytes);
  const greeting = readString(exports, greetingPtr, greetingBytes);
  // ANCHOR_END: round_trip

  host.log(`the name: ${NAME}`);
  host.log(`its length in JavaScript (UTF-16 code units): ${NAME.length}`);
  host.log(`its size in wasm memory (UTF-8 bytes): ${nameBytes}`);
  host.log(`its code points, counted by wasm: ${codePoints}`);
  host.fact('length and byte length differ', NAME.length !== nameBytes);
  host.log(`wasm's greeting, decoded by JavaScript: ${greeting}`);
  host.log(`the greeting's bytes: ${greetingBytes}, its length: ${greeting.length}`);
  host.fact('the name came back unchanged inside the greeting', greeting === `¡hola, ${NAME}!`);
}
