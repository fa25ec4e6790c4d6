// Variant: the source chapter's clock is whole seconds in an i32, as in
// tomorrow.wat. It runs out on 2038-01-19 at 03:14:07 UTC, and a day before
// that, tomorrow() wraps to a negative time.
const NEAR_2038 = 2_147_400_000; // 2038-01-18, in seconds since 1970
const I32_MAX = 2 ** 31 - 1;

export async function run(host) {
  const { exports } = await host.instantiate('tomorrow', {
    env: { current_time: () => NEAR_2038 },
  });
  const wrapped = exports.tomorrow();
  host.log(`current_time() = ${NEAR_2038}, ${new Date(NEAR_2038 * 1000).toISOString()}`);
  host.log(`tomorrow() = ${wrapped}`);
  host.fact('the true answer does not fit in an i32', NEAR_2038 + 86_400 > I32_MAX);
  host.fact('tomorrow() wrapped below zero', wrapped < 0);
  host.log('an i64 (BigInt in JavaScript) or a time relative to the start avoids it');
}
