// The ORIGINAL JSPI API, as JSPI was first taught (V8 2022 to 2024): both
// wrappers are built with `new WebAssembly.Function(type, fn, usage)`, and the
// module passes an explicit Suspender object around. The Wasm CG's Stacks
// subgroup dropped the Suspender object in January 2024; Chrome 137 and
// Node 26 ship the standard API (see standard.mjs) with no flag. This file
// only runs on an engine from before the change: the pinned Node 20 with
// --experimental-wasm-stack-switching.
import { requireJspiApi } from './jspi_api.mjs';

const DURATION_MS = 50;

export async function run(host) {
  requireJspiApi(host, 'suspender');

  // ANCHOR: imports
  const { exports } = await host.instantiate('sleep-suspender', {
    env: {
      before: (ms) => host.log(`before: waiting ${ms} ms`),
      // The type is the one the module imports: the Suspender comes first.
      // The JS function never sees it; it gets only the duration.
      wait: new WebAssembly.Function(
        { parameters: ['externref', 'i32'], results: ['i32'] },
        (ms) => host.sleep(ms),
        { suspending: 'first' },
      ),
      after: (waited) => {
        host.fact(`after: the wait took at least ${DURATION_MS} ms`, waited >= DURATION_MS);
        host.detail(`after(${waited})`);
      },
    },
  });
  // ANCHOR_END: imports

  // ANCHOR: call
  // The type is the one JS sees: the Suspender parameter is gone (the engine
  // supplies it) and the result is an externref, the Promise.
  const sleep = new WebAssembly.Function(
    { parameters: ['i32'], results: ['externref'] },
    exports.sleep,
    { promising: 'first' },
  );

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
  host.log('history: the Suspender object was dropped from JSPI in 2024;');
  host.log(
    'history: Chrome 137 and Node 26 ship WebAssembly.Suspending and WebAssembly.promising instead, with no flag',
  );
}
