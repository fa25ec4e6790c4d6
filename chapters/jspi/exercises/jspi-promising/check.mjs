// Checks the learner's wrap.mjs: with its two wrappers, the chapter's plain
// sleep.wat must wait for an async JavaScript function without blocking.
import { requireJspiApi } from '../../jspi_api.mjs';
import { asPromising, asSuspending } from './wrap.mjs';

const DURATION_MS = 50;

export async function run(host) {
  requireJspiApi(host, 'standard');

  let afterGot = null;
  // An ordinary async function: it returns a Promise of the milliseconds waited.
  const waitAsync = async (ms) => host.sleep(ms);
  const { exports } = await host.instantiate('sleep', {
    env: {
      before: (ms) => host.log(`before(${ms}): the module starts its wait`),
      wait: asSuspending(waitAsync),
      after: (waited) => {
        afterGot = waited;
        host.fact(
          `after(): the i32 the module got from wait() is the time waited, at least ${DURATION_MS} ms`,
          waited >= DURATION_MS,
        );
      },
    },
  });
  const sleep = asPromising(exports.sleep);

  const ticker = host.ticker();
  host.log(`calling sleep(${DURATION_MS})`);
  let value;
  try {
    const pending = sleep(DURATION_MS);
    host.fact('the call returned a Promise at once', pending instanceof Promise);
    value = await pending;
  } catch (error) {
    ticker.stop();
    host.log(`the call failed with ${error.name}: ${error.message}`);
    return;
  }
  const ticks = ticker.stop();

  host.fact(
    `the awaited value is the time waited, at least ${DURATION_MS} ms`,
    typeof value === 'number' && value >= DURATION_MS,
  );
  host.fact('the Promise resolved to that same value, which sleep() returned', afterGot === value);
  host.fact('the event loop ran while the module waited (ticks > 0)', ticks > 0);
  host.detail(`sleep resolved to ${value}; after(${afterGot}); ${ticks} timer ticks`);
}
