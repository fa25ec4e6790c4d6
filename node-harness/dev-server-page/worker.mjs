// A module worker that blocks on shared memory, which only an isolated page allows.
const cell = new Int32Array(new SharedArrayBuffer(4));
postMessage({ crossOriginIsolated, wait: Atomics.wait(cell, 0, 0, 10) });
