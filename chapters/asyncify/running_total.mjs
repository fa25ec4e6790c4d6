// Variant b: a wasm loop pauses on every turn. Its counter and running total
// are locals, saved at each unwind and restored at each rewind.
import { observedSleep } from './observed_sleep.mjs';

const READINGS = [3, 1, 4, 1, 5];
const SLEEP_MS = 10;

// ANCHOR: run
export async function run(host) {
  const driver = host.asyncify();
  const { exports } = await host.instantiate('running-total', {
    env: {
      read_sensor: driver.suspending(async (index) => {
        host.log(`  js: read_sensor(${index}) awaits its promise`);
        await observedSleep(host, SLEEP_MS);
        return READINGS[index];
      }),
      report: (index, total) =>
        host.log(`  wasm: reading ${index} was ${READINGS[index]}, running total ${total}`),
    },
  });
  driver.attach(exports, { dataAddress: 1024, stackBytes: 1016 });

  host.log(`driver: await sum_readings(${READINGS.length})`);
  const total = await driver.call(exports.sum_readings, READINGS.length);
  host.log(`driver returned: ${total}`);

  const expected = READINGS.reduce((sum, reading) => sum + reading, 0);
  host.fact(`the total is the sum of all ${READINGS.length} readings`, total === expected);
  host.fact(
    `wasm unwound and rewound once per reading (${READINGS.length} times)`,
    driver.stats.unwinds === READINGS.length,
  );
  host.detail(`the largest unwind saved ${driver.stats.largestUnwindBytes} bytes`);
}
// ANCHOR_END: run
