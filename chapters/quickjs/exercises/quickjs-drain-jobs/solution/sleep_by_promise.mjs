// Defines `sleep(ms)` in `vm`: it returns a QuickJS promise at once, and a
// host timer resolves it with the milliseconds that passed.
export function defineSleep(host, vm) {
  const sleep = vm.newFunction('sleep', (msHandle) => {
    const deferred = vm.newPromise();
    host.sleep(vm.getNumber(msHandle)).then((elapsed) => {
      const value = vm.newNumber(elapsed);
      deferred.resolve(value);
      value.dispose();
      const jobs = vm.runtime.executePendingJobs();
      jobs.error?.dispose();
    });
    return deferred.handle;
  });
  vm.setProp(vm.global, 'sleep', sleep);
  sleep.dispose();
}
