// Variant a: wasm calls an async import as if it were synchronous. The driver
// from the host library runs the unwind / await / rewind loop and returns the
// export's result. The loop as the source chapter wrote it drops that result.
import { observedSleep } from './observed_sleep.mjs';

const DELAY_MS = 20;
const FETCHED = 40;
const ADDEND = 2;

// ANCHOR: seed_shaped_loop
// The source chapter's loop, rebuilt from the driver's steps. It is right in
// every step but the last: the result is stored, the loop breaks, and the
// async function ends without `return`, so its promise resolves to undefined.
async function callLikeTheSourceChapter(driver, wasmFunction, ...args) {
  let result;
  for (;;) {
    result = wasmFunction(...args);
    if (driver.state() === 'normal') {
      break;
    }
    driver.stopUnwind();
    await driver.waitForPending();
    driver.startRewind();
  }
}
// ANCHOR_END: seed_shaped_loop

export async function run(host) {
  // ANCHOR: setup
  const driver = host.asyncify();
  const { exports } = await host.instantiate('before-after', {
    env: {
      before: () => host.log('  wasm: before the pause'),
      fetch_number: driver.suspending(async (delayMs) => {
        host.log(`  js: fetch_number(${delayMs}) awaits its promise`);
        await observedSleep(host, delayMs);
        return FETCHED;
      }),
      after: (fetched) => host.log(`  wasm: after the pause, fetch_number answered ${fetched}`),
    },
  });
  // The module leaves bytes 1024..2047 free: an 8-byte header, then the buffer.
  driver.attach(exports, { dataAddress: 1024, stackBytes: 1016 });
  // ANCHOR_END: setup

  // ANCHOR: call
  host.log(`driver: await fetch_and_add(${DELAY_MS}, ${ADDEND})`);
  const result = await driver.call(exports.fetch_and_add, DELAY_MS, ADDEND);
  host.log(`driver returned: ${result}`);
  // ANCHOR_END: call
  host.fact('the result is the fetched number plus the addend', result === FETCHED + ADDEND);
  host.fact('wasm unwound exactly once', driver.stats.unwinds === 1);

  host.log(`source chapter's loop: await fetch_and_add(${DELAY_MS}, ${ADDEND})`);
  const dropped = await callLikeTheSourceChapter(driver, exports.fetch_and_add, DELAY_MS, ADDEND);
  host.log(`source chapter's loop returned: ${dropped}`);
  host.fact('wasm ran to the end both times', driver.state() === 'normal');
}
