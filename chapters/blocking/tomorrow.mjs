// The easy case: the import returns a value right away.
// ANCHOR: run
const FIXED_NOW = 1_700_000_000; // a fixed clock makes the answer checkable

export async function run(host) {
  const { exports } = await host.instantiate('tomorrow', {
    env: { current_time: () => FIXED_NOW },
  });
  const tomorrow = exports.tomorrow();
  host.log(`current_time() = ${FIXED_NOW}`);
  host.log(`tomorrow() = ${tomorrow} (current_time + ${tomorrow - FIXED_NOW} s)`);
  host.log('the import answered synchronously, so no waiting was needed');
}
// ANCHOR_END: run
