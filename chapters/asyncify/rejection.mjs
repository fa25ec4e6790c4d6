// The awaited promise rejects while wasm is paused. Asyncify has no way to
// throw into the saved stack: the driver never rewinds it, `driver.call`
// rejects with the error, and the paused wasm is dropped, not resumed.
import { observedSleep } from './observed_sleep.mjs';

export async function run(host) {
  // ANCHOR: setup
  const failure = new RangeError('the network is down');
  let failNext = true;
  const steps = [];
  const driver = host.asyncify();
  const { exports } = await host.instantiate('before-after', {
    env: {
      before: () => steps.push('before'),
      fetch_number: driver.suspending(async (delayMs) => {
        await observedSleep(host, delayMs);
        if (failNext) throw failure;
        return 40;
      }, 'fetch_number'),
      after: () => steps.push('after'),
    },
  });
  driver.attach(exports, { dataAddress: 1024, stackBytes: 1016 });
  // ANCHOR_END: setup

  // ANCHOR: call
  try {
    await driver.call(exports.fetch_and_add, 20, 2);
    host.log('driver.call resolved (unexpected)');
  } catch (error) {
    host.fact('driver.call rejected with the very error the import threw', error === failure);
  }
  host.log(`wasm ran: ${steps.join(', ')}`);
  host.fact('the paused stack was dropped: no rewind, so after() never ran', !steps.includes('after'));
  host.fact('wasm is back in the normal state', driver.state() === 'normal');
  // ANCHOR_END: call

  // ANCHOR: again
  failNext = false;
  let again;
  try {
    again = await driver.call(exports.fetch_and_add, 20, 2);
  } catch (error) {
    host.log(`the next call failed: ${error.message}`);
  }
  host.fact('the same driver works again after the rejection: 42', again === 42);
  // ANCHOR_END: again
}
