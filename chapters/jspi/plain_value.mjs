// A Suspending import whose function returns a plain value, not a promise.
// Since the 2025 change to the JSPI specification it suspends anyway: the value
// is wrapped with Promise.resolve, and the wasm resumes in a microtask.
import { requireJspiApi } from './jspi_api.mjs';

export async function run(host) {
  requireJspiApi(host, 'standard');

  // ANCHOR: order
  const order = [];
  const { exports } = await host.instantiate('sleep', {
    env: {
      before: () => order.push('wasm: before'),
      wait: new WebAssembly.Suspending((ms) => {
        order.push('js: wait returns a number, not a promise');
        return ms;
      }),
      after: (value) => order.push(`wasm: after, wait answered ${value}`),
    },
  });
  setTimeout(() => order.push('a 0 ms timer'), 0);
  const pending = WebAssembly.promising(exports.sleep)(7);
  order.push('js: sleep(7) returned its promise');
  queueMicrotask(() => order.push('a microtask queued after the call'));
  const result = await pending;
  order.push(`js: the promise resolved to ${result}`);
  await host.sleep(1);
  for (const line of order) host.log(line);
  // ANCHOR_END: order
  host.fact(
    'the wasm suspended although no promise was returned',
    order.indexOf('js: sleep(7) returned its promise') < order.indexOf('wasm: after, wait answered 7'),
  );
  host.fact(
    'it resumed in a microtask, before the timer',
    order.indexOf('wasm: after, wait answered 7') < order.indexOf('a 0 ms timer'),
  );
}
