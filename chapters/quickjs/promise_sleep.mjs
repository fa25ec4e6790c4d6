// The callback technique on the host side: `sleep` and `value_return` as
// QuickJS functions of the sync build, and the job-queue drain.

// ANCHOR: sleep
/**
 * Defines `sleep(ms)` in `vm`: it returns a QuickJS promise at once, and a
 * host timer resolves that promise with the milliseconds that passed.
 * `runJobs: false` forgets the job queue, so the guest never continues.
 */
export function defineSleep(host, vm, { log, runJobs = true }) {
  const sleep = vm.newFunction('sleep', (msHandle) => {
    const ms = vm.getNumber(msHandle);
    log(`guest: sleep(${ms}) called`);
    // The promise and its two resolving functions, as handles the host owns.
    const deferred = vm.newPromise();
    host.sleep(ms).then((elapsed) => {
      log(`host: the ${ms} ms timer fired; resolving the guest's promise`);
      settleSleep(vm, deferred, elapsed, { log, runJobs });
    });
    return deferred.handle;
  });
  vm.setProp(vm.global, 'sleep', sleep);
  sleep.dispose();
}
// ANCHOR_END: sleep

// ANCHOR: settle
/**
 * Resolves the guest's promise with the milliseconds that passed, frees the
 * handles the host made for it, and runs the jobs the resolution queued.
 */
function settleSleep(vm, deferred, elapsed, { log, runJobs }) {
  const value = vm.newNumber(elapsed);
  deferred.resolve(value);
  value.dispose();
  deferred.dispose();
  if (runJobs) runPendingJobs(vm, log);
}
// ANCHOR_END: settle

// ANCHOR: jobs
/** Runs every pending job: the `await` continuations that resolving made ready. */
export function runPendingJobs(vm, log) {
  log('host: running the pending jobs');
  const result = vm.runtime.executePendingJobs();
  if (result.error) {
    const error = vm.dump(result.error);
    result.error.dispose();
    throw new Error(`a pending job threw: ${error.name}: ${error.message}`);
  }
}
// ANCHOR_END: jobs

// ANCHOR: value_return
/** Defines `value_return(value)` in `vm`: hands the guest's value to `receive`. */
export function defineValueReturn(vm, receive) {
  const valueReturn = vm.newFunction('value_return', (valueHandle) => {
    receive(vm.dump(valueHandle));
  });
  vm.setProp(vm.global, 'value_return', valueReturn);
  valueReturn.dispose();
}
// ANCHOR_END: value_return

// ANCHOR: eval_module
/**
 * Evaluates `code` as a module and runs the jobs that evaluation queued.
 * Resolves to the module's result once the guest finishes: `{ value }` or
 * `{ error }`, a handle to dispose. A syntax error is thrown as the engine reports it.
 */
export function evalModule(vm, code, filename, log) {
  const result = vm.evalCode(code, filename, { type: 'module' });
  if (result.error) {
    const error = vm.dump(result.error);
    result.error.dispose();
    throw new Error(`${filename} does not compile: ${describeGuestError(error)}`);
  }
  log('host: evalCode returned the module\'s promise');
  // The callbacks that settle `finished` are queued as jobs too, so attach them
  // before draining.
  const finished = vm.resolvePromise(result.value);
  result.value.dispose();
  runPendingJobs(vm, log);
  return finished;
}
// ANCHOR_END: eval_module

/** How long a harness waits for a guest before it reports that the guest never finished. */
export const GUEST_DEADLINE_MS = 1000;

/**
 * `finished`'s result, or `null` when the guest is still waiting after `ms`;
 * a result that comes later is disposed when it comes.
 */
export async function finishedWithin(host, finished, ms = GUEST_DEADLINE_MS) {
  const result = await Promise.race([finished, host.sleep(ms).then(() => null)]);
  if (result === null) {
    finished.then((late) => (late.value ?? late.error).dispose());
  }
  return result;
}

/** `Name: message (at file:line:column)`, as the engine reports a guest error. */
export function describeGuestError(error) {
  const where = /[^\s()]+:\d+:\d+/.exec(String(error?.stack ?? ''));
  return `${error?.name}: ${error?.message}${where ? ` (at ${where[0]})` : ''}`;
}
