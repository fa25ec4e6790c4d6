// A rejected promise under JSPI: the suspended wasm resumes with the rejection
// thrown at the call of the Suspending import. Where no wasm handler catches it,
// it leaves through the promising export, whose promise rejects with it.
import { requireJspiApi } from './jspi_api.mjs';

export async function run(host) {
  requireJspiApi(host, 'standard');

  // ANCHOR: imports
  const failure = new RangeError('the disk is on fire');
  let failNext = true;
  let afterRan = false;
  const { exports } = await host.instantiate('sleep', {
    env: {
      before: (ms) => host.log(`before: waiting ${ms} ms`),
      wait: new WebAssembly.Suspending(async (ms) => {
        await host.sleep(ms);
        if (failNext) throw failure; // the promise rejects after the wasm suspended
        return ms;
      }),
      after: () => {
        afterRan = true;
      },
    },
  });
  // ANCHOR_END: imports

  // ANCHOR: call
  const sleep = WebAssembly.promising(exports.sleep);
  try {
    await sleep(20);
    host.log('sleep(20) resolved (unexpected)');
  } catch (error) {
    host.fact('the promise of sleep(20) rejected with the very error the import threw', error === failure);
  }
  host.fact('after() never ran: the wasm after the wait was skipped', !afterRan);
  // ANCHOR_END: call

  // ANCHOR: again
  failNext = false;
  const waited = await sleep(10);
  host.fact('the next call suspends and resumes normally', waited === 10 && afterRan);
  // ANCHOR_END: again

  // ANCHOR: caught
  const { exports: catching } = await host.instantiate('wait-or', {
    env: {
      wait: new WebAssembly.Suspending(async (ms) => {
        await host.sleep(ms);
        throw failure;
      }),
    },
  });
  const answer = await WebAssembly.promising(catching.wait_or)(10, -1);
  host.fact('wasm caught the rejection in its own handler and answered its fallback -1', answer === -1);
  // ANCHOR_END: caught
}
