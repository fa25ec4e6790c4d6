// The source chapter's exercise, solved with the sync build: value_return settles a
// host promise, so the host can await the guest's value on its last line.
import { AWAIT_SLEEP } from './guest_scripts.mjs';
import { defineSleep, defineValueReturn, evalModule } from './promise_sleep.mjs';

export async function run(host) {
  const engine = await host.quickjs('sync');
  host.log(`engine build: ${engine.build}`);
  const vm = engine.newContext();
  const log = (line) => host.log(line);

  // ANCHOR: host_promise
  let returnValue;
  const valueReturned = new Promise((resolve) => {
    returnValue = resolve;
  });
  defineSleep(host, vm, { log });
  defineValueReturn(vm, (value) => returnValue(value));

  const finished = evalModule(vm, AWAIT_SLEEP, 'await_sleep.mjs', log);
  const result = await valueReturned;
  // ANCHOR_END: host_promise
  vm.unwrapResult(await finished).dispose();
  vm.dispose();
  host.detail(`script result = ${result}`);
  host.fact('the host\'s last line holds the script\'s result, a number of at least 20', typeof result === 'number' && result >= 20);
}
