// Variant indirect-calls: one source, four asyncified builds that differ only
// in what binaryen is told to instrument. Each build runs the pausing task and
// the plain one through the driver, and logs the steps the wasm reported.
import { observedSleep } from './observed_sleep.mjs';

const NAP = 0;
const DOUBLE = 1;

// ANCHOR: run_build
async function runBuild(host, name) {
  const steps = [];
  const driver = host.asyncify();
  const { exports } = await host.instantiate(name, {
    env: {
      sleep_ms: driver.suspending(async (ms) => {
        await observedSleep(host, ms);
        return ms;
      }, 'sleep_ms'),
      log_step: (step) => steps.push(step),
    },
  });
  driver.attach(exports, { dataAddress: 1024, stackBytes: 1016 });
  host.log(`${name}:`);
  const napped = await driver.call(exports.run_task, NAP, 20);
  const napSteps = steps.splice(0).join(' ');
  host.log(`  run_task(nap, 20) = ${napped}, steps ${napSteps}`);
  host.fact('  the steps around the pause ran once each', napSteps === '1 2');
  const doubled = await driver.call(exports.run_task, DOUBLE, 21);
  host.log(`  run_task(double, 21) = ${doubled}, steps ${steps.splice(0).join(' ')}`);
}
// ANCHOR_END: run_build

export async function run(host) {
  for (const name of [
    'indirect-asyncify-all',
    'indirect-ignore-indirect',
    'indirect-removelist',
    'indirect-onlylist',
  ]) {
    await runBuild(host, name);
  }
}
