// wasm → JS → wasm between WebAssembly.promising and a Suspending import: the
// engine would have to suspend the JavaScript frame in the middle, and refuses.
import { requireJspiApi } from './jspi_api.mjs';

export async function run(host) {
  requireJspiApi(host, 'standard');

  // ANCHOR: trap
  let waitCalls = 0;
  const wait = new WebAssembly.Suspending(async (ms) => {
    waitCalls += 1;
    await host.sleep(ms);
    return ms;
  });
  const { exports } = await host.instantiate('reentry', {
    // call_inner is a plain JavaScript frame.
    env: { wait, call_inner: (ms) => exports.inner(ms) },
  });
  try {
    await WebAssembly.promising(exports.outer)(20);
    host.log('outer(20) resolved (unexpected)');
  } catch (error) {
    host.fact('outer(20) rejected with WebAssembly.SuspendError', error instanceof WebAssembly.SuspendError);
    host.detail(`${error.name}: ${error.message}`);
  }
  host.fact('the async function behind wait never ran', waitCalls === 0);
  // ANCHOR_END: trap

  // ANCHOR: fix
  // The middle frame becomes a Suspending import itself: it starts `inner` on a
  // stack of its own, and `outer`'s stack waits for that promise.
  const inner = (ms) => WebAssembly.promising(fixed.exports.inner)(ms);
  const fixed = await host.instantiate('reentry', {
    env: { wait, call_inner: new WebAssembly.Suspending(inner) },
  });
  const result = await WebAssembly.promising(fixed.exports.outer)(20);
  host.fact('with call_inner Suspending and inner promising, outer(20) = 21', result === 21);
  // ANCHOR_END: fix
}
