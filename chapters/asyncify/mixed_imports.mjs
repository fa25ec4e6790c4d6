// Variant d: the same source asyncified twice. `mixed-asyncify-all` assumes any
// import may pause; `mixed-asyncify-imports` was told that only env.sleep_ms
// does. Both behave the same; the second is smaller (see the size table) and
// its snapshot instruments fewer functions.
import { observedSleep } from './observed_sleep.mjs';

const STEPS = 2;

// ANCHOR: run_build
async function runBuild(host, name) {
  host.log(`${name}: await run_tasks(${STEPS})`);
  const driver = host.asyncify();
  const { exports } = await host.instantiate(name, {
    env: {
      sleep_ms: driver.suspending(async (ms) => {
        host.log(`  js: sleep_ms(${ms}) awaits its promise`);
        await observedSleep(host, ms);
      }),
      log_step: (step) => host.log(`  wasm: step ${step}`),
      log_checksum: (checksum) => host.log(`  wasm: checksum ${checksum}`),
    },
  });
  driver.attach(exports, { dataAddress: 1024, stackBytes: 1016 });
  const total = await driver.call(exports.run_tasks, STEPS);
  host.log(`driver returned: ${total}`);
  host.fact(`wasm unwound once per step (${STEPS} times)`, driver.stats.unwinds === STEPS);
  host.detail(`the largest unwind saved ${driver.stats.largestUnwindBytes} bytes`);
  return total;
}
// ANCHOR_END: run_build

// The build without --asyncify is there for the size table; it cannot pause.
async function refusePlainBuild(host) {
  const driver = host.asyncify();
  const { exports } = await host.instantiate('mixed-plain', {
    env: { sleep_ms: driver.suspending(async () => {}), log_step() {}, log_checksum() {} },
  });
  try {
    driver.attach(exports, { dataAddress: 1024, stackBytes: 1016 });
    host.log('mixed-plain: the driver accepted a module without asyncify');
  } catch (error) {
    host.fact(
      'mixed-plain: the driver refuses it, since it has no asyncify exports',
      error.message.includes('no export "asyncify_start_unwind"'),
    );
  }
}

export async function run(host) {
  await refusePlainBuild(host);
  const everything = await runBuild(host, 'mixed-asyncify-all');
  const listed = await runBuild(host, 'mixed-asyncify-imports');
  host.fact('both builds returned the same total', everything === listed);
}
