// The sleep scenarios of variant f: each export of scenarios.wat, called
// through one driver, one after another on one instance. Every pause awaits a
// promise that settles at once; what is checked is the result and the count.

// ANCHOR: sleeps
export const SLEEPS = [
  { call: 'pause_once', args: [], result: 7, pauses: 1 },
  { call: 'pause_twice', args: [], result: 9, pauses: 2 },
  { call: 'keeps_locals', args: [1, 2], result: 102, pauses: 1 },
  { call: 'records_once', args: [0], result: 1234, pauses: 0 },
  { call: 'records_once', args: [1], result: 1234, pauses: 1 },
  { call: 'factorial', args: [1], result: 1, pauses: 0 },
  { call: 'factorial', args: [5], result: 120, pauses: 4 },
  { call: 'sum_to', args: [4], result: 10, pauses: 4 },
  { call: 'indirect', args: [0, 5], result: 106, pauses: 3 },
  { call: 'indirect', args: [1, 5], result: 11, pauses: 3 },
  { call: 'branches', args: [1, 10], result: 55, pauses: 2 },
  { call: 'branches', args: [0, 10], result: 36, pauses: 2 },
  { call: 'tunnel', args: [5], result: 1022, pauses: 2 },
  { call: 'many_locals', args: [3], result: 4 + 8 + 24 + (24 ^ 255), pauses: 1 },
];
// ANCHOR_END: sleeps

export const outcome = (result, pauses) => `${result} after ${pauses} pause${pauses === 1 ? '' : 's'}`;

/** A label for each scenario, such as `factorial(5)`, and what it must give. */
export const sleepExpectations = () =>
  SLEEPS.map(({ call, args, result, pauses }) => [`${call}(${args.join(', ')})`, outcome(result, pauses)]);

/** Runs every sleep scenario on a fresh instance of `moduleName`; label → outcome. */
export async function runSleeps(host, moduleName) {
  const driver = host.asyncify();
  // ANCHOR: call_back
  const { exports } = await host.instantiate(moduleName, {
    env: {
      pause: driver.suspending(async () => {}, 'pause'),
      // A call back into wasm goes to the export directly, not through driver.call.
      call_back: (value) => exports.tunnel_end(value),
      yield_value: () => {
        throw new Error('the sleep scenarios never yield');
      },
    },
  });
  // ANCHOR_END: call_back
  driver.attach(exports, { dataAddress: 1024, stackBytes: 1016 });
  const outcomes = new Map();
  for (const { call, args } of SLEEPS) {
    const before = driver.stats.unwinds;
    const got = await driver.call(exports[call], ...args).then(
      (result) => outcome(result, driver.stats.unwinds - before),
      (error) => `threw: ${error.message}`,
    );
    outcomes.set(`${call}(${args.join(', ')})`, got);
  }
  return outcomes;
}
