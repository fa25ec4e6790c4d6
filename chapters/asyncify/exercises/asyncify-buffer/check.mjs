// Checks the learner's buffer_size.mjs: DATA_BYTES, the size of the asyncify
// data buffer, must hold the stack of a pause DEPTH calls deep, fit in the
// memory the module leaves free, and be the smallest size that works: the
// largest buffer would pass without anything learned.
import { DATA_BYTES } from './buffer_size.mjs';

const DEPTH = 4;
const FETCHED = 1000;
const DATA_ADDRESS = 1024; // the module leaves bytes 1024..2047 free
const REGION_END = 2048;
const HEADER_BYTES = 8;
const MOST_BYTES = REGION_END - DATA_ADDRESS - HEADER_BYTES;

function sizeProblem(bytes) {
  if (!Number.isInteger(bytes) || bytes <= 0 || bytes % 4 !== 0) {
    const shown = typeof bytes === 'string' ? `the string "${bytes}"` : String(bytes);
    return `DATA_BYTES must be a positive whole number of bytes, a multiple of 4, not ${shown}`;
  }
  if (bytes > MOST_BYTES) {
    return (
      `DATA_BYTES = ${bytes} does not fit: the module leaves bytes ${DATA_ADDRESS}..${REGION_END - 1} ` +
      `free, and the header takes ${HEADER_BYTES} of them, so the buffer can have at most ${MOST_BYTES}`
    );
  }
  return null;
}

export async function run(host) {
  host.log(`await descend(${DEPTH}): it pauses with ${DEPTH + 1} calls of descend on the stack`);
  const problem = sizeProblem(DATA_BYTES);
  if (problem) {
    host.log(problem);
    return;
  }

  const driver = host.asyncify();
  const { exports } = await host.instantiate('descend', {
    env: {
      fetch_number: driver.suspending(async (delayMs) => {
        // Nothing is logged after the await: on an overflow it is never awaited.
        host.log(`  js: fetch_number(${delayMs}) starts its promise`);
        await host.sleep(delayMs);
        return FETCHED;
      }),
    },
  });
  driver.attach(exports, { dataAddress: DATA_ADDRESS, stackBytes: DATA_BYTES });

  let result;
  try {
    result = await driver.call(exports.descend, DEPTH);
  } catch (error) {
    if (error.name !== 'AsyncifyOverflowError') {
      throw error;
    }
    host.fact(`the pause at depth ${DEPTH} worked`, false);
    host.log(
      `the asyncify data buffer overflowed: ${DATA_BYTES} bytes cannot hold the ${DEPTH + 1} calls of descend that unwinding saves`,
    );
    host.detail(error.message);
    return;
  }
  host.fact(`the pause at depth ${DEPTH} worked`, true);
  host.log(`result: ${result}`);
  host.fact(`that is 4 + 3 + 2 + 1 + the fetched ${FETCHED}`, result === 4 + 3 + 2 + 1 + FETCHED);
  host.fact('wasm unwound once', driver.stats.unwinds === 1);
  host.fact(
    'DATA_BYTES is the smallest buffer that holds the unwound stack',
    DATA_BYTES === driver.stats.largestUnwindBytes,
  );
  host.detail(`the unwind saved ${driver.stats.largestUnwindBytes} of ${DATA_BYTES} bytes`);
}
