// The negative lesson: a Suspending import can only suspend a stack that
// WebAssembly.promising started. Call the export bare, and the engine refuses.
import { requireJspiApi } from './jspi_api.mjs';

export async function run(host) {
  requireJspiApi(host, 'standard');

  let waitWasCalled = false;
  let afterWasCalled = false;
  const { exports } = await host.instantiate('sleep', {
    env: {
      before: (ms) => host.log(`before: waiting ${ms} ms`),
      wait: new WebAssembly.Suspending(async (ms) => {
        waitWasCalled = true;
        await host.sleep(ms);
        return ms;
      }),
      after: () => {
        afterWasCalled = true;
      },
    },
  });

  // ANCHOR: bare_call
  host.log('calling exports.sleep(50) directly, without WebAssembly.promising');
  try {
    exports.sleep(50); // no promising wrapper: there is no stack to set aside
    host.log('sleep returned normally (unexpected)');
  } catch (error) {
    host.fact('it threw WebAssembly.SuspendError', error instanceof WebAssembly.SuspendError);
    host.log(`expected lesson: ${error.name}: ${error.message}`);
  }
  // ANCHOR_END: bare_call
  host.fact('the async wait function never ran', !waitWasCalled);
  host.fact('after() never ran', !afterWasCalled);
  host.log('fix: call WebAssembly.promising(exports.sleep) instead (see the standard variant)');
}
