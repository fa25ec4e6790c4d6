// The five exports that `--asyncify` adds, called by hand, once each, in the
// order a pause needs them. No driver, no checks: the bare sequence that
// node-harness/lib/host/asyncify/ wraps with refusals and messages.

const DATA_ADDRESS = 1024; // the module leaves bytes 1024..2047 free
const STATES = ['normal', 'unwinding', 'rewinding'];

export async function run(host) {
  let exports;
  let pending = null;
  let answer;
  const state = () => STATES[exports.asyncify_get_state()]; // call 5: asyncify_get_state

  // ANCHOR: import
  const fetch_number = (delayMs) => {
    if (state() === 'rewinding') {
      exports.asyncify_stop_rewind(); // call 4: back at the call that paused
      host.log(`  js: fetch_number is called again while rewinding; stop_rewind, answer ${answer}`);
      return answer;
    }
    pending = host.sleep(delayMs).then(() => 40);
    // The header: where saved locals go (the buffer after it), and where it ends.
    new Int32Array(exports.memory.buffer, DATA_ADDRESS, 2).set([DATA_ADDRESS + 8, 2048]);
    // call 1: save the stack as wasm returns
    exports.asyncify_start_unwind(DATA_ADDRESS);
    host.log(`  js: fetch_number starts its promise and start_unwind; state: ${state()}`);
    return 0; // ignored: wasm is unwinding
  };
  // ANCHOR_END: import

  ({ exports } = await host.instantiate('before-after', {
    env: {
      before: () => host.log('  wasm: before'),
      fetch_number,
      after: (fetched) => host.log(`  wasm: after, fetched ${fetched}`),
    },
  }));

  // ANCHOR: sequence
  host.log('js: fetch_and_add(20, 2)');
  exports.fetch_and_add(20, 2);
  host.log(`js: it returned; state: ${state()}`);
  exports.asyncify_stop_unwind(); // call 2: the stack is saved; back to normal
  host.log(`js: stop_unwind; state: ${state()}; awaiting the promise`);
  answer = await pending;
  // call 3: the next call restores the stack
  exports.asyncify_start_rewind(DATA_ADDRESS);
  host.log(`js: start_rewind; state: ${state()}; fetch_and_add(20, 2) again`);
  const result = exports.fetch_and_add(20, 2);
  host.log(`js: it returned ${result}; state: ${state()}`);
  // ANCHOR_END: sequence
  host.fact('the result is 40 + 2', result === 42);
}
