// Exercise interop-utf8: the two halves of string glue.
//
// The check calls passString to put a name into the module's memory, hands the
// pointer and length to the module's `greet` and `count_code_points`, and
// decodes the greeting with readString. strings.wat reads and writes UTF-8.

/** Copies `text` into `exports.memory` through `exports.alloc`; returns [pointer, length in bytes]. */
export function passString(exports, text) {
  // TODO: this works only while every character is ASCII. One character can
  // take up to four bytes of UTF-8, and `text.length` is not a byte count.
  const ptr = exports.alloc(text.length);
  const memory = new Uint8Array(exports.memory.buffer);
  for (let i = 0; i < text.length; i += 1) {
    memory[ptr + i] = text.charCodeAt(i);
  }
  return [ptr, text.length];
}

/** The text in the `len` bytes of `exports.memory` at `ptr`. */
export function readString(exports, ptr, len) {
  // TODO: one byte is not one character either.
  const memory = new Uint8Array(exports.memory.buffer);
  let text = '';
  for (let i = 0; i < len; i += 1) {
    text += String.fromCharCode(memory[ptr + i]);
  }
  return text;
}
