// What the engine reports for a guest that does not compile and for one whose
// promise rejects; every handle is still disposed.
import { REJECTS, SYNTAX_ERROR } from './guest_scripts.mjs';
import { defineSleep, defineValueReturn, describeGuestError, evalModule } from './promise_sleep.mjs';

export async function run(host) {
  const engine = await host.quickjs('sync');
  const vm = engine.newContext();
  const log = (line) => host.log(line);
  defineSleep(host, vm, { log });
  defineValueReturn(vm, (value) => log(`guest: value_return(${value}) called`));

  // ANCHOR: syntax_error
  const compiled = vm.evalCode(SYNTAX_ERROR, 'syntax_error.mjs', { type: 'module' });
  if (compiled.error) {
    log(`the engine refused the script: ${describeGuestError(vm.dump(compiled.error))}`);
    compiled.error.dispose();
  } else {
    compiled.value.dispose();
  }
  // ANCHOR_END: syntax_error
  host.fact('the script with a syntax error ran', !compiled.error);

  // ANCHOR: rejection
  const finished = await evalModule(vm, REJECTS, 'rejects.mjs', log);
  if (finished.error) {
    log(`the guest's promise rejected: ${describeGuestError(vm.dump(finished.error))}`);
    finished.error.dispose();
  } else {
    finished.value.dispose();
  }
  // ANCHOR_END: rejection
  host.fact('the rejecting guest finished normally', !finished.error);

  vm.dispose();
  host.log('every handle and the context were disposed');
}
