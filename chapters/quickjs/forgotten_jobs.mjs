// The callback technique with the job queue forgotten: the promise is
// resolved, but nothing runs the continuation that waits for it.
import { AWAIT_SLEEP } from './guest_scripts.mjs';
import { defineSleep, defineValueReturn, evalModule, finishedWithin } from './promise_sleep.mjs';

/** Long enough after the guest's 20 ms sleep for its timer to have fired. */
const GRACE_MS = 100;

export async function run(host) {
  const engine = await host.quickjs('sync');
  const vm = engine.newContext();
  const log = (line) => host.log(line);
  let continued = false;
  defineSleep(host, vm, { log, runJobs: false });
  defineValueReturn(vm, () => {
    continued = true;
  });

  const finished = evalModule(vm, AWAIT_SLEEP, 'await_sleep.mjs', log);
  const outcome = await finishedWithin(host, finished, GRACE_MS);
  host.fact(`the guest finished within ${GRACE_MS} ms`, outcome !== null);
  host.fact('the script after await ran', continued);
  host.fact('the runtime still holds a pending job', vm.runtime.hasPendingJob());

  vm.dispose();
  host.log('the context was disposed with the job still queued');
}
