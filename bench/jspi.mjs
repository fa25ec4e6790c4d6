// JSPI, today's API: the engine suspends the wasm stack at a Suspending
// import and resumes it when the promise settles.
import { expectAnswer } from './check.mjs';

export async function prepare(host) {
  if (typeof WebAssembly.Suspending !== 'function') {
    throw new Error(`JSPI's WebAssembly.Suspending is missing on ${host.engine.name} ${host.engine.version}`);
  }
  const wait = new WebAssembly.Suspending(async (value) => value);
  const { exports } = await host.instantiate('round-trip', { env: { wait } });
  const roundTrip = WebAssembly.promising(exports.round_trip);
  return {
    async roundTrips(n) {
      for (let i = 0; i < n; i += 1) {
        const value = i & 0xff;
        expectAnswer('jspi', await roundTrip(1, value), value);
      }
    },
  };
}
