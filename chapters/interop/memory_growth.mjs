// Variant: growing the memory replaces `memory.buffer`; a view taken before
// the growth is detached and reads as empty.

// ANCHOR: run
export async function run(host) {
  const { exports } = await host.instantiate('strings');
  const bufferBefore = exports.memory.buffer;
  const viewBefore = new Uint8Array(bufferBefore);
  host.log(`memory before: ${bufferBefore.byteLength / 65536} page(s)`);

  // alloc grows the memory when the request does not fit in it.
  const ptr = exports.alloc(100_000);
  host.log(`memory after alloc(100000): ${exports.memory.buffer.byteLength / 65536} page(s)`);
  host.fact('memory.buffer is a new ArrayBuffer', exports.memory.buffer !== bufferBefore);
  host.fact('the old buffer is detached', bufferBefore.detached === true);
  host.log(`the view taken before the growth now has length ${viewBefore.length}`);

  // The safe pattern: take a fresh view after every call that may grow.
  const bytes = () => new Uint8Array(exports.memory.buffer);
  bytes()[ptr + 99_999] = 7;
  host.fact('a fresh view reaches the new pages', bytes()[ptr + 99_999] === 7);
}
// ANCHOR_END: run
