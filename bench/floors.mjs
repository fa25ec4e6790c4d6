// The floors: what a round trip costs when nothing is suspended.
import { expectAnswer } from './check.mjs';

/** `await null`: one microtask turn, the unit every ratio is given in. */
export async function prepare(host, { floor }) {
  if (floor === 'microtask') {
    return {
      async roundTrips(n) {
        for (let i = 0; i < n; i += 1) await null;
      },
    };
  }
  // A plain, synchronous call of round_trip.wat whose import answers at once.
  const { exports } = await host.instantiate('round-trip', { env: { wait: (value) => value } });
  return {
    async roundTrips(n) {
      let total = 0;
      for (let i = 0; i < n; i += 1) total += exports.round_trip(1, i & 0xff);
      expectAnswer('sync call', total, sumOfValues(n));
    },
  };
}

/** The sum of `i & 0xff` for i below n: what n round trips answer in total. */
export function sumOfValues(n) {
  let total = 0;
  for (let i = 0; i < n; i += 1) total += i & 0xff;
  return total;
}
