// Variant: the source chapter's C program (`wasm_sleep`, `printf`, `js_timeout`)
// built as it was, with `-O2 -sASYNCIFY`. The harness counts every entry
// into the raw `wasm_sleep` export, so the log shows what the chapter saw in
// its debugger: one call from JavaScript, two entries, one "Before sleep".

const STATE_NAMES = ['normal', 'unwinding', 'rewinding'];
const ANSWER = 54321;
const WAIT_MS = 20;

// ANCHOR: entries
// Wraps the raw export before the glue sees it: the glue's rewind calls
// `wasm_sleep` again through the same object, so both entries pass here.
function countEntries(host, exports, entries) {
  const describe = () => {
    const state = exports.asyncify_get_state();
    return `asyncify state ${state} (${STATE_NAMES[state]})`;
  };
  const wasmSleep = (duration) => {
    entries.push(exports.asyncify_get_state());
    host.log(`wasm_sleep entered, time ${entries.length}: ${describe()}`);
    exports.wasm_sleep(duration);
    host.log(`wasm_sleep left: ${describe()}`);
  };
  return { ...exports, wasm_sleep: wasmSleep };
}
// ANCHOR_END: entries

export async function run(host) {
  const entries = [];
  const printed = [];
  let finished;
  const afterSleep = new Promise((resolve) => {
    finished = resolve;
  });
  let timeoutCalls = 0;
  let instantiationFailed;
  const instantiation = new Promise((_, reject) => {
    instantiationFailed = reject;
  });
  const starting = host.emscripten('sleep-twice', {
    print: (line) => {
      printed.push(line);
      host.log(`stdout: ${line}`);
      if (line.startsWith('After sleep')) finished();
    },
    js_timeout: async (duration) => {
      timeoutCalls += 1;
      host.log(`js_timeout(${duration}) awaits a timer`);
      await host.sleep(duration);
      host.log(`the timer fired: js_timeout resolves with ${ANSWER}`);
      return ANSWER;
    },
    instantiateWasm(imports, receiveInstance) {
      host
        .compile('sleep-twice')
        .then(async (compiled) => {
          const instance = await WebAssembly.instantiate(compiled, imports);
          receiveInstance({ exports: countEntries(host, instance.exports, entries) }, compiled);
        })
        .catch(instantiationFailed);
      return {};
    },
  });
  const module = await Promise.race([starting, instantiation]);

  // ANCHOR: call
  module._wasm_sleep(WAIT_MS);
  host.log('_wasm_sleep returned to JavaScript');
  // ANCHOR_END: call
  await afterSleep;
  host.fact('wasm_sleep was entered twice from one call', entries.length === 2);
  host.fact('first to unwind (state 0), then to rewind (state 2)', entries.join() === '0,2');
  host.fact('js_timeout ran once: the rewind takes its stored answer', timeoutCalls === 1);
  const befores = printed.filter((line) => line.startsWith('Before sleep')).length;
  host.fact('"Before sleep" printed once: the rewind skipped the first printf', befores === 1);
}
