// Variant c: the pause is three calls deep (outer -> middle -> inner ->
// fetch_number). Unwinding saves the locals of all three functions, so the
// asyncify data buffer must hold them all. First with room to spare, then
// with a buffer that is too small: the failure is part of the lesson.
import { observedSleep } from './observed_sleep.mjs';

const SEED = 3;
const FETCHED = 4;
const DATA_ADDRESS = 1024; // the module leaves bytes 1024..2047 free
const ROOMY_STACK_BYTES = 1016;
const TINY_STACK_BYTES = 8;
const CANARY = 0xa5;

async function instantiate(host, driver, fetchNumber) {
  const { exports } = await host.instantiate('call-chain', {
    env: { fetch_number: driver.suspending(fetchNumber) },
  });
  return exports;
}

export async function run(host) {
  // ANCHOR: roomy
  host.log(`buffer of ${ROOMY_STACK_BYTES} bytes: await outer(${SEED})`);
  const roomy = host.asyncify();
  const exports = await instantiate(host, roomy, async (delayMs) => {
    host.log(`  js: fetch_number(${delayMs}) awaits its promise`);
    await observedSleep(host, delayMs);
    return FETCHED;
  });
  roomy.attach(exports, { dataAddress: DATA_ADDRESS, stackBytes: ROOMY_STACK_BYTES });
  const result = await roomy.call(exports.outer, SEED);
  host.log(`driver returned: ${result}`);
  host.fact(
    'outer, middle and inner each added their part after the pause',
    result === SEED * 100 + SEED * 10 + SEED + FETCHED,
  );
  host.fact(
    `the saved stack fit in ${ROOMY_STACK_BYTES} bytes`,
    roomy.stats.largestUnwindBytes <= ROOMY_STACK_BYTES,
  );
  host.detail(`one unwind saved ${roomy.stats.largestUnwindBytes} bytes`);
  // ANCHOR_END: roomy

  // ANCHOR: overflow
  host.log(`buffer of ${TINY_STACK_BYTES} bytes: await outer(${SEED})`);
  const tiny = host.asyncify();
  const fresh = await instantiate(host, tiny, async (delayMs) => {
    host.log(`  js: fetch_number(${delayMs}) starts its promise`);
    await host.sleep(delayMs); // never awaited: the unwind fails first
    return FETCHED;
  });
  tiny.attach(fresh, { dataAddress: DATA_ADDRESS, stackBytes: TINY_STACK_BYTES });
  // Mark the 64 bytes just past the buffer, to see whether unwinding wrote there.
  const pastTheBuffer = new Uint8Array(fresh.memory.buffer, DATA_ADDRESS + 8 + TINY_STACK_BYTES, 64);
  pastTheBuffer.fill(CANARY);
  try {
    const unexpected = await tiny.call(fresh.outer, SEED);
    host.log(`driver returned: ${unexpected} (the buffer should have overflowed)`);
  } catch (error) {
    if (error.name !== 'AsyncifyOverflowError') {
      throw error;
    }
    host.log('the call failed: asyncify data buffer overflowed');
    host.detail(error.message);
    host.fact(
      `  the three functions needed more than ${TINY_STACK_BYTES} bytes`,
      error.needed > TINY_STACK_BYTES,
    );
    host.fact(
      '  binaryen trapped (unreachable) in asyncify_stop_unwind',
      error.cause instanceof WebAssembly.RuntimeError,
    );
    host.fact(
      '  unwinding had already written past the end of the buffer',
      pastTheBuffer.some((byte) => byte !== CANARY),
    );
  }
  // ANCHOR_END: overflow
}
