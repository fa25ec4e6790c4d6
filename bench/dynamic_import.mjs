// Dynamic import(): each wait loads a JavaScript module that is already in
// the module map, with JSPI carrying the wait (as in the dynamic-import chapter).
import { expectAnswer } from './check.mjs';

const ANSWER = new URL('./answer.mjs', import.meta.url).href;

export async function prepare(host) {
  const wait = new WebAssembly.Suspending(async (value) => (await import(ANSWER)).answer(value));
  const { exports } = await host.instantiate('round-trip', { env: { wait } });
  const roundTrip = WebAssembly.promising(exports.round_trip);
  return {
    async roundTrips(n) {
      for (let i = 0; i < n; i += 1) {
        const value = i & 0xff;
        expectAnswer('dynamic import', await roundTrip(1, value), value);
      }
    },
  };
}
