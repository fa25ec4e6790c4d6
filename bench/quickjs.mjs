// QuickJS-ng, the asyncify build: a guest loop calls an asyncified host
// function n times; each call unwinds the interpreter out of wasm and back.
import { expectAnswer } from './check.mjs';

export async function prepare(host) {
  const engine = await host.quickjs('asyncify');
  const vm = engine.newContext();
  const wait = vm.newAsyncifiedFunction('wait', async (valueHandle) => vm.newNumber(vm.getNumber(valueHandle)));
  vm.setProp(vm.global, 'wait', wait);
  wait.dispose();
  return {
    async roundTrips(n) {
      const code = `(() => { let total = 0; for (let i = 0; i < ${n}; i++) total += wait(1); return total; })()`;
      const handle = vm.unwrapResult(await vm.evalCodeAsync(code, 'bench.js'));
      const total = vm.getNumber(handle);
      handle.dispose();
      expectAnswer('quickjs', total, n);
    },
    close() {
      vm.dispose();
    },
  };
}
