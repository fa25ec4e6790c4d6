// Exercise interop-utf8: the two halves of string glue.

/** Copies `text` into `exports.memory` through `exports.alloc`; returns [pointer, length in bytes]. */
export function passString(exports, text) {
  const bytes = new TextEncoder().encode(text);
  const ptr = exports.alloc(bytes.length);
  // A fresh view: alloc may have grown the memory and detached older ones.
  new Uint8Array(exports.memory.buffer, ptr, bytes.length).set(bytes);
  return [ptr, bytes.length];
}

/** The text in the `len` bytes of `exports.memory` at `ptr`. */
export function readString(exports, ptr, len) {
  return new TextDecoder().decode(new Uint8Array(exports.memory.buffer, ptr, len));
}
