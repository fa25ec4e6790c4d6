// Asyncify: the wait unwinds `depth` instrumented frames into the data
// buffer, JavaScript awaits, then the same export is called again to rewind.
// `driver: "lean"` is the few lines below, Asyncify's own cost;
// `driver: "workbook"` is host.asyncify(), the chapter's driver, which checks
// the buffer and the state at every step.
import { expectAnswer } from './check.mjs';

const DATA_ADDRESS = 1024;
const STACK_BYTES = 8192;
const UNWINDING = 1;
const REWINDING = 2;

export async function prepare(host, { depth, driver = 'lean' }) {
  const roundTrip =
    driver === 'workbook' ? await workbookDriver(host) : await leanDriver(host);
  return {
    async roundTrips(n) {
      for (let i = 0; i < n; i += 1) {
        const value = i & 0xff;
        expectAnswer(`asyncify depth ${depth}`, await roundTrip(depth, value), value + depth - 1);
      }
    },
  };
}

async function leanDriver(host) {
  let exports = null;
  let pending = null;
  let answer = 0;
  const wait = (value) => {
    if (exports.asyncify_get_state() === REWINDING) {
      exports.asyncify_stop_rewind();
      return answer;
    }
    pending = Promise.resolve(value);
    const header = new Int32Array(exports.memory.buffer, DATA_ADDRESS, 2);
    header[0] = DATA_ADDRESS + 8;
    header[1] = DATA_ADDRESS + 8 + STACK_BYTES;
    exports.asyncify_start_unwind(DATA_ADDRESS);
    return 0;
  };
  ({ exports } = await host.instantiate('round-trip-asyncify', { env: { wait } }));
  return async (depth, value) => {
    let result = exports.round_trip(depth, value);
    while (exports.asyncify_get_state() === UNWINDING) {
      exports.asyncify_stop_unwind();
      answer = await pending;
      exports.asyncify_start_rewind(DATA_ADDRESS);
      result = exports.round_trip(depth, value);
    }
    return result;
  };
}

async function workbookDriver(host) {
  const driver = host.asyncify();
  const wait = driver.suspending(async (value) => value, 'wait');
  const { exports } = await host.instantiate('round-trip-asyncify', { env: { wait } });
  driver.attach(exports, { dataAddress: DATA_ADDRESS, stackBytes: STACK_BYTES });
  return (depth, value) => driver.call(exports.round_trip, depth, value);
}
