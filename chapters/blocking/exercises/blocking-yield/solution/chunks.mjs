// Exercise blocking-yield: do a long wasm computation a chunk at a time, and
// let the event loop run between the chunks.
//
// countInChunks(host, wasm, chunkCount) calls wasm.work_chunk(index) for every
// index from 0 to chunkCount - 1, and returns the sum of what they returned.
// The check awaits whatever it returns.
export async function countInChunks(host, wasm, chunkCount) {
  let total = 0;
  for (let index = 0; index < chunkCount; index += 1) {
    total += wasm.work_chunk(index);
    // A timer, even of 0 ms, resolves only after the event loop has had a turn;
    // a resolved promise would not do: its callback runs before any timer.
    await host.sleep(0);
  }
  return total;
}
