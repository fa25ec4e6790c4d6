// The source chapter's exercise, solved with the asyncify build: sleep() suspends the
// whole interpreter inside wasm, so the guest needs no await and the host's
// last line holds the script's result.
import { ASYNCIFY_SLEEP } from './guest_scripts.mjs';

export async function run(host) {
  const engine = await host.quickjs('asyncify');
  host.log(`engine build: ${engine.build}`);
  const vm = engine.newContext();
  if (typeof vm.newAsyncifiedFunction !== 'function') {
    host.log('this build cannot suspend inside a host call: sleep() needs the asyncify build');
    vm.dispose();
    return;
  }

  // ANCHOR: asyncified
  const sleep = vm.newAsyncifiedFunction('sleep', async (msHandle) => {
    const elapsed = await host.sleep(vm.getNumber(msHandle));
    return vm.newNumber(elapsed);
  });
  vm.setProp(vm.global, 'sleep', sleep);
  sleep.dispose();

  const ticker = host.ticker();
  const resultHandle = vm.unwrapResult(await vm.evalCodeAsync(ASYNCIFY_SLEEP, 'asyncify_sleep.js'));
  const result = vm.dump(resultHandle);
  resultHandle.dispose();
  // ANCHOR_END: asyncified
  host.fact('the event loop ran while the guest slept', ticker.stop() > 0);
  vm.dispose();
  host.detail(`script result = ${result}`);
  host.fact('the host\'s last line holds the script\'s result, a number of at least 20', typeof result === 'number' && result >= 20);
}
