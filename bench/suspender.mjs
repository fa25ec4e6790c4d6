// JSPI, the original Suspender API (Node 20 with --experimental-wasm-stack-switching).
import { expectAnswer } from './check.mjs';

export async function prepare(host) {
  if (typeof WebAssembly.Function !== 'function') {
    throw new Error(`the Suspender API (WebAssembly.Function) is missing on ${host.engine.name} ${host.engine.version}`);
  }
  const wait = new WebAssembly.Function(
    { parameters: ['externref', 'i32'], results: ['i32'] },
    async (value) => value,
    { suspending: 'first' },
  );
  const { exports } = await host.instantiate('round-trip-suspender', { env: { wait } });
  const roundTrip = new WebAssembly.Function(
    { parameters: ['i32', 'i32'], results: ['externref'] },
    exports.round_trip,
    { promising: 'first' },
  );
  return {
    async roundTrips(n) {
      for (let i = 0; i < n; i += 1) {
        const value = i & 0xff;
        expectAnswer('jspi suspender', await roundTrip(1, value), value);
      }
    },
  };
}
