// The source chapter's technique with the maintained engine: sleep() returns
// a QuickJS promise, a host timer resolves it, and the host runs the jobs.
import { AWAIT_SLEEP, NON_ASCII, NON_ASCII_TEXT, TWO_SLEEPS } from './guest_scripts.mjs';
import { defineSleep, defineValueReturn, evalModule, finishedWithin } from './promise_sleep.mjs';

export async function run(host) {
  const engine = await host.quickjs('sync');
  host.log(`engine: ${engine.package}`);
  const vm = engine.newContext();
  const log = (line) => host.log(line);

  // ANCHOR: run
  const returned = [];
  defineSleep(host, vm, { log });
  defineValueReturn(vm, (value) => {
    log(`guest: value_return(${typeof value}) called`);
    returned.push(value);
  });

  const finished = await finishedWithin(host, evalModule(vm, AWAIT_SLEEP, 'await_sleep.mjs', log));
  if (finished) vm.unwrapResult(finished).dispose();
  // ANCHOR_END: run
  host.fact('the script after await ran', returned.length === 1);
  host.fact('r is a number of at least 20', typeof returned[0] === 'number' && returned[0] >= 20);
  host.detail(`r = ${returned[0]}`);

  returned.length = 0;
  const both = await finishedWithin(host, evalModule(vm, TWO_SLEEPS, 'two_sleeps.mjs', log));
  if (both) vm.unwrapResult(both).dispose();
  host.fact('two sleeps in flight each resolved their own promise', returned[0] === true);

  returned.length = 0;
  const text = await finishedWithin(host, evalModule(vm, NON_ASCII, 'non_ascii.mjs', log));
  if (text) vm.unwrapResult(text).dispose();
  host.fact(
    'the script has more UTF-8 bytes than UTF-16 units',
    new TextEncoder().encode(NON_ASCII).length > NON_ASCII.length,
  );
  host.fact('non-ASCII text came back intact', returned[0] === NON_ASCII_TEXT);

  vm.dispose();
  host.log('every handle and the context were disposed');
}
