// The standard JSPI API: the unmodified sleep module waits for a real JS
// Promise. Two wrappers do all the work, one on each side of the module.
import { requireJspiApi } from './jspi_api.mjs';

const DURATION_MS = 50;

export async function run(host) {
  requireJspiApi(host, 'standard');

  // ANCHOR: imports
  const { exports } = await host.instantiate('sleep', {
    env: {
      before: (ms) => host.log(`before: waiting ${ms} ms`),
      // host.sleep returns a Promise: the wasm caller is suspended until
      // it settles, and the settled value is what `call $wait` returns.
      wait: new WebAssembly.Suspending((ms) => host.sleep(ms)),
      after: (waited) => {
        host.fact(`after: the wait took at least ${DURATION_MS} ms`, waited >= DURATION_MS);
        host.detail(`after(${waited})`);
      },
    },
  });
  // ANCHOR_END: imports

  // ANCHOR: call
  // The export, wrapped: calling it starts a new stack and returns a Promise.
  const sleep = WebAssembly.promising(exports.sleep);

  const ticker = host.ticker();
  host.log(`calling sleep(${DURATION_MS})`);
  const pending = sleep(DURATION_MS);
  host.fact('sleep() returned a Promise at once', pending instanceof Promise);
  const waited = await pending;
  const ticks = ticker.stop();
  // ANCHOR_END: call

  host.fact(
    `the Promise resolved to the time waited (at least ${DURATION_MS} ms)`,
    waited >= DURATION_MS,
  );
  host.fact('event loop stayed responsive during the wait (ticks > 0)', ticks > 0);
  host.detail(`${ticks} timer ticks during the wait`);
  host.log('sleep.wat has no JSPI code in it: both wrappers live on the JavaScript side');
}
