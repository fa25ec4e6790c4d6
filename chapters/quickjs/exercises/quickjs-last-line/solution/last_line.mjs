// Runs `script` in QuickJS, where `sleep(ms)` waits on the host's timer and
// returns the milliseconds that passed, and returns the script's last value.
export async function evalWithSleep(host, script) {
  const engine = await host.quickjs('asyncify');
  const vm = engine.newContext();
  const sleep = vm.newAsyncifiedFunction('sleep', async (msHandle) => {
    const elapsed = await host.sleep(vm.getNumber(msHandle));
    return vm.newNumber(elapsed);
  });
  vm.setProp(vm.global, 'sleep', sleep);
  sleep.dispose();

  const resultHandle = vm.unwrapResult(await vm.evalCodeAsync(script, 'guest.js'));
  const result = vm.dump(resultHandle);
  resultHandle.dispose();
  vm.dispose();
  return result;
}
