// Variant f: binaryen's asyncify scenarios, in our own words, through our
// driver, on four builds of scenarios.wat (no -O, -O1, -O3, -Os). Every
// scenario must give the same outcome on every build; a build that differs
// is named under the fact.
import { createRoundRobin } from './round_robin.mjs';
import { runSleeps, sleepExpectations } from './scenario_sleeps.mjs';
import * as refusals from './scenario_refusals.mjs';

const BUILDS = ['scenarios-no-opt', 'scenarios-o1', 'scenarios-o3', 'scenarios-os'];
const MANY_LOCALS_OF_3 = 4 + 8 + 24 + (24 ^ 255);

// Two generators that never return and one that does, resumed for three rounds.
async function coroutines(host, moduleName) {
  const scheduler = createRoundRobin({ log: (line) => host.detail(`${moduleName}:${line}`) });
  const { exports } = await host.instantiate(moduleName, {
    env: { pause() {}, call_back: () => 0, yield_value: scheduler.dispatch },
  });
  ['odd_numbers', 'powers_of_three', 'three_values'].forEach((name, index) => {
    const driver = host.asyncify();
    scheduler.add(name, driver, exports[name]);
    driver.attach(exports, { dataAddress: 1024 + index * 320, stackBytes: 312 });
  });
  await scheduler.startAll();
  await scheduler.runRounds(3);
  const values = scheduler.coroutines.map(({ name, yielded, result }) =>
    `${name} ${yielded.join(' ')}${result === undefined ? '' : `, returned ${result}`}`);
  return `${values.join('; ')}; still paused: ${scheduler.pausedCount()}`;
}

const CHECKS = [
  [
    'coroutines, three rounds',
    coroutines,
    'odd_numbers 1 3 5 7; powers_of_three 1 3 9 27; three_values 17 -4 0, returned 3; still paused: 2',
  ],
  [
    'a second pause while one is outstanding',
    refusals.overlappingPause,
    'refused, naming both calls; the paused call returned 102; the next call returned 7',
  ],
  [
    'an unwind past the end of memory',
    refusals.overflowPastMemory,
    `AsyncifyOverflowError, needing more than the 4 bytes left; then normal; with room it returned ${MANY_LOCALS_OF_3}`,
  ],
  [
    'an unwind past the end of the buffer',
    refusals.overflowInBuffer,
    'AsyncifyOverflowError, with the bytes needed; then normal',
  ],
  [
    'driver.call from inside an import',
    refusals.callBackThroughDriver,
    'refused, saying to call the export directly; then normal; called directly it returned 1022',
  ],
  [
    'attach',
    refusals.badAttachments,
    'address 0 refused, saying why; no exported memory refused, without the --asyncify hint',
  ],
];

export async function run(host) {
  host.log(`builds: ${BUILDS.join(', ')}`);
  const outcomes = new Map();
  for (const build of BUILDS) {
    const got = await runSleeps(host, build);
    for (const [label, check] of CHECKS) {
      got.set(label, await check(host, build).catch((error) => `threw: ${error.message}`));
    }
    outcomes.set(build, got);
  }
  const expectations = [...sleepExpectations(), ...CHECKS.map(([label, , expected]) => [label, expected])];
  for (const [label, expected] of expectations) {
    const differing = BUILDS.filter((build) => outcomes.get(build).get(label) !== expected);
    host.fact(`${label}: ${expected}; in every build`, differing.length === 0);
    for (const build of differing) {
      host.log(`  ${build}: ${outcomes.get(build).get(label)}`);
    }
  }
}
