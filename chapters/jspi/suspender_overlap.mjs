// Variant: two calls in flight under the original Suspender API, on Node 20.
// The harness settles each wait by hand, in a fixed order, so no timer decides
// the outcome: call A waits, call B starts and overwrites the one global, B
// finishes, then A waits a second time with B's spent suspender.
import { requireJspiApi } from './jspi_api.mjs';

export async function run(host) {
  requireJspiApi(host, 'suspender');
  const waits = [];
  let waitStarted = () => {};
  let settleAtOnce = false; // for the last wait, which only a fixed module reaches
  const nextWait = () =>
    new Promise((started) => {
      waitStarted = started;
    });
  const { exports } = await host.instantiate('wait-twice-suspender', {
    env: {
      wait: new WebAssembly.Function(
        { parameters: ['externref', 'i32'], results: ['i32'] },
        (ms) =>
          new Promise((settle) => {
            if (settleAtOnce) return settle(10);
            waits.push(settle);
            return waitStarted();
          }),
        { suspending: 'first' },
      ),
    },
  });
  const waitTwice = new WebAssembly.Function(
    { parameters: ['i32'], results: ['externref'] },
    exports.wait_twice,
    { promising: 'first' },
  );

  // ANCHOR: overlap
  let started = nextWait();
  const callA = waitTwice(1);
  await started;
  host.log('call A waits for the first time');
  started = nextWait();
  const callB = waitTwice(2);
  await started;
  host.log('call B starts, and stores its suspender in the one global');
  started = nextWait();
  waits[1](20);
  await started;
  waits[2](20);
  host.log(`call B waited twice and returned ${await callB}`);
  settleAtOnce = true;
  waits[0](10);
  const outcome = await callA.then(
    (value) => `returned ${value}`,
    (error) => `failed: ${error.constructor.name}: ${error.message}`,
  );
  // ANCHOR_END: overlap
  host.log(`call A, waiting a second time with the global's suspender, ${outcome}`);
  host.fact('call A failed instead of returning 20', outcome.startsWith('failed'));
}
