// Checks the learner's driver.mjs: callToTheEnd(wasm, wasmFunction, ...args)
// must drive an asyncified export through its pauses and resolve to its result.
// The import that pauses is written here, as the shared driver writes it; the
// learner writes only the loop (and may not use host.asyncify()).
import { callToTheEnd } from './driver.mjs';

const DATA_ADDRESS = 1024; // the module leaves bytes 1024..2047 free
const STACK_BYTES = 1016;
const HEADER_BYTES = 8;
// Drawn per run, so no constant answer can pass; the log names none of them.
const drawn = () => 2 + (crypto.getRandomValues(new Uint32Array(1))[0] % 900);
const FETCHED = { 1: drawn(), 2: drawn() };
const BASE = drawn();
const PLAIN = drawn();
const SLEEP_MS = 10;
// sum_two pauses twice; far more unwinds than that means nothing rewinds.
const MAX_UNWINDS = 10;
const STATE_NAMES = ['normal', 'unwinding', 'rewinding'];

export async function run(host) {
  let exports = null;
  let pending = null; // the promise of the import that started the latest unwind
  let settled = null; // { value } once `pending` has resolved
  const counts = { unwinds: 0, rewinds: 0 };
  const state = () => STATE_NAMES[exports.asyncify_get_state()] ?? 'unknown';

  // A suspending import: the first visit starts the promise and unwinds; the
  // visit during the rewind stops it and hands wasm the awaited value.
  const fetchNumber = (which) => {
    if (state() === 'rewinding') {
      exports.asyncify_stop_rewind();
      counts.rewinds += 1;
      if (!settled) {
        throw new Error('wasm was rewound before the promise of fetch_number settled');
      }
      const { value } = settled;
      settled = null;
      return value;
    }
    if (counts.unwinds >= MAX_UNWINDS) {
      throw new Error(
        `fetch_number started ${MAX_UNWINDS} unwinds: wasm is called again without a rewind`,
      );
    }
    host.log(`  js: fetch_number(${which}) starts its promise; wasm unwinds`);
    settled = null;
    pending = (async () => {
      await host.sleep(SLEEP_MS);
      host.fact('  wasm was in the normal state while the promise was pending', state() === 'normal');
      settled = { value: FETCHED[which] };
    })();
    // An empty stack: the position at the buffer's start, then its end.
    const view = new DataView(exports.memory.buffer);
    view.setUint32(DATA_ADDRESS, DATA_ADDRESS + HEADER_BYTES, true);
    view.setUint32(DATA_ADDRESS + 4, DATA_ADDRESS + HEADER_BYTES + STACK_BYTES, true);
    exports.asyncify_start_unwind(DATA_ADDRESS);
    counts.unwinds += 1;
    return 0; // ignored: wasm is unwinding
  };

  ({ exports } = await host.instantiate('two-fetches', {
    env: {
      fetch_number: fetchNumber,
      got: (which, value) => {
        host.detail(`wasm: fetch_number(${which}) answered ${value}`);
        host.fact(`  wasm: fetch_number(${which}) answered what its promise resolved to`, value === FETCHED[which]);
      },
    },
  }));
  const wasm = { exports, dataAddress: DATA_ADDRESS, pending: () => pending };

  let exportCalls = 0;
  const sumTwo = (base) => {
    exportCalls += 1;
    return exports.sum_two(base);
  };

  host.detail(`drawn this run: base ${BASE}, fetched ${FETCHED[1]} and ${FETCHED[2]}, add_one's input ${PLAIN}`);
  host.log('await callToTheEnd(wasm, sum_two, base)   (base and the fetched numbers are drawn per run)');
  let result;
  try {
    result = await callToTheEnd(wasm, sumTwo, BASE);
  } catch (error) {
    host.log(`callToTheEnd threw: ${error.message}`);
    await pending; // so its line is logged before the harness ends
    return;
  }
  host.detail(`callToTheEnd returned: ${result}`);
  host.fact('callToTheEnd returned base + first × second, what sum_two computed', result === BASE + FETCHED[1] * FETCHED[2]);
  host.fact('wasm unwound twice and was rewound twice', counts.unwinds === 2 && counts.rewinds === 2);
  host.fact('sum_two was called 3 times: once, then once per rewind', exportCalls === 3);
  host.fact('wasm is back in the normal state', state() === 'normal');
  if (state() !== 'normal') {
    host.log(`the check stops here: wasm was left ${state()}`);
    await pending; // so its line is logged before the harness ends
    return;
  }

  host.log('await callToTheEnd(wasm, add_one, n)   (n is drawn per run)');
  const plain = await callToTheEnd(wasm, exports.add_one, PLAIN);
  host.detail(`callToTheEnd returned: ${plain}`);
  host.fact('callToTheEnd returned n + 1 (add_one never pauses)', plain === PLAIN + 1);
}
