// Checks the learner's sleep_by_promise.mjs with the chapter's guest script.
import { AWAIT_SLEEP } from '../../guest_scripts.mjs';
import { defineValueReturn, evalModule, finishedWithin } from '../../promise_sleep.mjs';
import { defineSleep } from './sleep_by_promise.mjs';

export async function run(host) {
  const engine = await host.quickjs('sync');
  const vm = engine.newContext();
  const returned = [];
  defineSleep(host, vm);
  defineValueReturn(vm, (value) => returned.push(value));

  const finished = await finishedWithin(host, evalModule(vm, AWAIT_SLEEP, 'await_sleep.mjs', () => {}));
  if (finished?.error) host.log(`the guest failed: ${vm.dump(finished.error)?.message}`);
  if (finished) (finished.value ?? finished.error).dispose();
  host.fact('the script after await ran', returned.length === 1);
  host.fact('r is a number of at least 20', typeof returned[0] === 'number' && returned[0] >= 20);
  vm.dispose();
}
