// The refusals of variant f: what the driver must refuse, or name, rather
// than return a wrong value; and that it works again afterwards. Each check
// runs on a fresh instance and returns one outcome line.

const ROOMY = { dataAddress: 1024, stackBytes: 1016 };

async function instantiate(host, moduleName, driver, env) {
  const { exports } = await host.instantiate(moduleName, {
    env: {
      pause: driver.suspending(async () => {}, 'pause'),
      call_back: (value) => exports.tunnel_end(value),
      yield_value() {},
      ...env,
    },
  });
  driver.attach(exports, ROOMY);
  return exports;
}

// A loop made of the driver's steps, like the source chapter's.
async function loopFromSteps(driver, wasmFunction, ...args) {
  for (;;) {
    const result = wasmFunction(...args);
    if (driver.state() === 'normal') {
      return result;
    }
    driver.stopUnwind();
    await driver.waitForPending();
    driver.startRewind();
  }
}

const failureOf = async (promise) => promise.then((value) => ({ value }), (error) => ({ error }));

// ANCHOR: overlap
// While keeps_locals(1, 2) is paused in pause(1), a second export pauses on the
// same driver.
export async function overlappingPause(host, moduleName) {
  let release;
  const gate = new Promise((resolve) => {
    release = resolve;
  });
  const driver = host.asyncify();
  const exports = await instantiate(host, moduleName, driver, {
    pause: driver.suspending(async () => gate, 'pause'),
  });
  const first = failureOf(driver.call(exports.keeps_locals, 1, 2));
  const secondCall = failureOf(loopFromSteps(driver, exports.branches, 0, 10));
  release();
  const second = await secondCall;
  const refused = second.error?.message.includes('pause(2) was called while pause(1) is still paused');
  const { value: firstResult, error: firstError } = await first;
  const next = await failureOf(driver.call(exports.pause_once));
  return `${refused ? 'refused, naming both calls' : `not refused: ${second.value ?? second.error}`}; ` +
    `the paused call returned ${firstResult ?? firstError}; the next call returned ${next.value ?? next.error}`;
}
// ANCHOR_END: overlap

// ANCHOR: past_memory
// The header and a 4-byte buffer end exactly at the end of memory.
export async function overflowPastMemory(host, moduleName) {
  const driver = host.asyncify();
  const exports = await instantiate(host, moduleName, driver, {});
  driver.attach(exports, { dataAddress: 65524, stackBytes: 4 });
  const { error } = await failureOf(driver.call(exports.many_locals, 3));
  host.detail(`${moduleName}: ${error?.message}`);
  const named = error?.name === 'AsyncifyOverflowError' && error.needed === undefined && error.atLeast > 4;
  const stateAfter = driver.state();
  driver.attach(exports, ROOMY);
  const retried = await driver.call(exports.many_locals, 3);
  return `${named ? 'AsyncifyOverflowError, needing more than the 4 bytes left' : `${error}`}; ` +
    `then ${stateAfter}; with room it returned ${retried}`;
}
// ANCHOR_END: past_memory

// binaryen's own check: position > end, found in asyncify_stop_unwind.
export async function overflowInBuffer(host, moduleName) {
  const driver = host.asyncify();
  const exports = await instantiate(host, moduleName, driver, {});
  driver.attach(exports, { dataAddress: 1024, stackBytes: 4 });
  const { error } = await failureOf(driver.call(exports.many_locals, 3));
  host.detail(`${moduleName}: ${error?.message}`);
  const named = error?.name === 'AsyncifyOverflowError' && error.needed > 4;
  return `${named ? 'AsyncifyOverflowError, with the bytes needed' : `${error}`}; then ${driver.state()}`;
}

// ANCHOR: call_back_through_driver
export async function callBackThroughDriver(host, moduleName) {
  let throughDriver = true;
  const driver = host.asyncify();
  const exports = await instantiate(host, moduleName, driver, {
    call_back: (value) =>
      throughDriver ? driver.call(exports.tunnel_end, value) : exports.tunnel_end(value),
  });
  const { error } = await failureOf(driver.call(exports.tunnel, 5));
  const refused = error?.message.includes('call the export directly');
  const stateAfter = driver.state();
  throughDriver = false;
  const direct = await driver.call(exports.tunnel, 5);
  return `${refused ? 'refused, saying to call the export directly' : `${error}`}; ` +
    `then ${stateAfter}; called directly it returned ${direct}`;
}
// ANCHOR_END: call_back_through_driver

export async function badAttachments(host, moduleName) {
  const driver = host.asyncify();
  const exports = await instantiate(host, moduleName, driver, {});
  const atZero = failureOf((async () => driver.attach(exports, { dataAddress: 0, stackBytes: 64 }))());
  const { memory, ...withoutMemory } = exports;
  const noMemory = failureOf((async () => host.asyncify().attach(withoutMemory, ROOMY))());
  const zeroMessage = (await atZero).error?.message ?? 'accepted';
  const memoryMessage = (await noMemory).error?.message ?? 'accepted';
  host.detail(zeroMessage);
  host.detail(memoryMessage);
  const zeroRefused = zeroMessage.includes('null pointer');
  const memoryRefused = memoryMessage.includes('export it') && !memoryMessage.includes('--asyncify');
  return `address 0 ${zeroRefused ? 'refused, saying why' : zeroMessage}; ` +
    `no exported memory ${memoryRefused ? 'refused, without the --asyncify hint' : memoryMessage}` +
    `${memory instanceof WebAssembly.Memory ? '' : ' (the module has no memory?)'}`;
}
