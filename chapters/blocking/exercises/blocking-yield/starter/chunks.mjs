// Exercise blocking-yield: do a long wasm computation a chunk at a time, and
// let the event loop run between the chunks.
//
// countInChunks(host, wasm, chunkCount) calls wasm.work_chunk(index) for every
// index from 0 to chunkCount - 1, and returns the sum of what they returned.
// The check awaits whatever it returns.
//
// TODO: as written, the loop runs every chunk in one go, so no timer (no click,
// no progress bar) can run until all of them are done. Make the function
// async, and give the event loop a turn after each chunk.
export function countInChunks(host, wasm, chunkCount) {
  let total = 0;
  for (let index = 0; index < chunkCount; index += 1) {
    total += wasm.work_chunk(index);
    // TODO: wait here for something that only the event loop can deliver.
  }
  return total;
}
