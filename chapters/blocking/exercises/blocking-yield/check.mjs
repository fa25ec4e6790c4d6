// Checks the learner's chunks.mjs: countInChunks(host, wasm, chunkCount) must
// add up work_chunk(0) .. work_chunk(chunkCount - 1), and let the event loop
// run between two chunks.
import { countInChunks } from './chunks.mjs';

const CHUNKS = 8;

export async function run(host) {
  const { exports } = await host.instantiate('primes');
  const limit = CHUNKS * exports.chunk_size();

  // After each chunk, a 0 ms "progress" timer notes how many chunks were done
  // when it ran. It is set before any timer the learner sets to yield, and
  // timers of equal length run in the order they were set: if the event loop
  // got a turn before the next chunk, the timer saw exactly one more chunk.
  const chunksRun = [];
  const seenByProgressTimers = [];
  const work_chunk = (index) => {
    const count = exports.work_chunk(index);
    chunksRun.push(index);
    setTimeout(() => seenByProgressTimers.push(chunksRun.length), 0);
    return count;
  };

  host.log(`counting the primes below ${limit} in ${CHUNKS} chunks`);
  const ticker = host.ticker();
  const total = await countInChunks(host, { work_chunk }, CHUNKS);
  const ticks = ticker.stop();
  await host.sleep(0); // its timer is set last, so every progress timer runs first

  const inOrder = chunksRun.length === CHUNKS && chunksRun.every((index, at) => index === at);
  host.fact('work_chunk ran once for each chunk, in order', inOrder);
  host.log(`total: ${total}`);
  host.fact(`the total matches one call of count_primes(0, ${limit})`, total === exports.count_primes(0, limit));
  host.log(`chunks done when each progress timer ran: ${seenByProgressTimers.join(' ')}`);
  const turnAfterEveryChunk = seenByProgressTimers.every((seen, at) => seen === at + 1);
  host.fact('the event loop got a turn between every two chunks', inOrder && turnAfterEveryChunk);
  host.detail(`${ticks} ticks of a 1 ms interval while the chunks ran`);
}
