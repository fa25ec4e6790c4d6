// JSPI, today's API: the engine suspends the wasm stack at a Suspending
// import and resumes it when the promise settles.
import { expectAnswer } from './check.mjs';

export function prepare(host) {
  return prepareJspi(host, 'jspi', async (value) => value);
}

/** Round trips of round_trip.wat whose import `wait` is `asyncWait`, suspended by JSPI. */
export async function prepareJspi(host, label, asyncWait) {
  if (typeof WebAssembly.Suspending !== 'function') {
    throw new Error(`JSPI's WebAssembly.Suspending is missing on ${host.engine.name} ${host.engine.version}`);
  }
  const wait = new WebAssembly.Suspending(asyncWait);
  const { exports } = await host.instantiate('round-trip', { env: { wait } });
  const roundTrip = WebAssembly.promising(exports.round_trip);
  return {
    async roundTrips(n) {
      for (let i = 0; i < n; i += 1) {
        const value = i & 0xff;
        expectAnswer(label, await roundTrip(1, value), value);
      }
    },
  };
}
