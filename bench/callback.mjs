// The callback split: wasm asks and returns, JavaScript awaits the answer and
// re-enters wasm with it.
import { expectAnswer } from './check.mjs';

export async function prepare(host) {
  let pending = null;
  const { exports } = await host.instantiate('callback-split', {
    env: {
      request: (value) => {
        pending = Promise.resolve(value);
      },
    },
  });
  return {
    async roundTrips(n) {
      for (let i = 0; i < n; i += 1) {
        const value = i & 0xff;
        exports.start(value);
        expectAnswer('callback split', exports.finish(await pending), value);
      }
    },
  };
}
