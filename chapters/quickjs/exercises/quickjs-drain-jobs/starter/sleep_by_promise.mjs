// Defines `sleep(ms)` in `vm`: it returns a QuickJS promise at once, and a
// host timer resolves it with the milliseconds that passed.
export function defineSleep(host, vm) {
  const sleep = vm.newFunction('sleep', (msHandle) => {
    const deferred = vm.newPromise();
    host.sleep(vm.getNumber(msHandle)).then((elapsed) => {
      // TODO: resolve `deferred` with `elapsed` as a QuickJS number, and dispose that number.
      // TODO: run the engine's pending jobs, so the guest continues after `await`.
    });
    return deferred.handle;
  });
  vm.setProp(vm.global, 'sleep', sleep);
  sleep.dispose();
}
