// Variant e: three coroutines of one instance are paused at the same time,
// and resumed in turn until each has returned. One driver and one data buffer
// per coroutine; one import that dispatches (see round_robin.mjs).
import { createRoundRobin } from './round_robin.mjs';

const DATA_ADDRESS = 1024; // the module leaves bytes 1024..2047 free
const REGION_BYTES = 320; // per coroutine: the 8-byte header, then its buffer
const HEADER_BYTES = 8;
const COROUTINES = [
  { name: 'countdown', argument: 2, yields: [2, 1], returns: 2 },
  { name: 'squares', argument: 3, yields: [1, 4, 9], returns: 14 },
  { name: 'fibonacci', argument: 5, yields: [1, 1, 2, 3, 5], returns: 5 },
];

export async function run(host) {
  // ANCHOR: setup
  const scheduler = createRoundRobin({ log: host.log });
  const { exports } = await host.instantiate('coroutines', {
    env: { yield_value: scheduler.dispatch },
  });
  COROUTINES.forEach(({ name, argument }, index) => {
    const driver = host.asyncify();
    scheduler.add(name, driver, exports[name], argument);
    driver.attach(exports, {
      dataAddress: DATA_ADDRESS + index * REGION_BYTES,
      stackBytes: REGION_BYTES - HEADER_BYTES,
    });
  });
  // ANCHOR_END: setup

  // ANCHOR: run
  host.log(`start ${COROUTINES.map(({ name, argument }) => `${name}(${argument})`).join(', ')}`);
  await scheduler.startAll();
  host.log(`paused calls at once: ${scheduler.pausedCount()}`);
  await scheduler.runRounds();
  host.log(`paused calls at the end: ${scheduler.pausedCount()}`);
  // ANCHOR_END: run

  const byName = (name) => scheduler.coroutines.find((coroutine) => coroutine.name === name);
  host.fact(
    'each coroutine continued where it had paused (its values in order)',
    COROUTINES.every(({ name, yields }) => byName(name).yielded.join() === yields.join()),
  );
  host.fact(
    "each call resolved to its own coroutine's result",
    COROUTINES.every(({ name, returns }) => byName(name).result === returns),
  );
  host.fact(
    'each driver unwound once per yield of its own coroutine',
    COROUTINES.every(({ name, yields }) => byName(name).driver.stats.unwinds === yields.length),
  );
  for (const { name } of COROUTINES) {
    host.detail(`${name}: the largest unwind saved ${byName(name).driver.stats.largestUnwindBytes} bytes`);
  }
}
