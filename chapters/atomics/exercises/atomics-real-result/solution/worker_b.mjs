// Exercise atomics-real-result: worker B, the asynchronous half of the
// chapter's protocol (see ../../protocol.mjs).
//
// Worker A runs the module built from ../../sleep.wat. Its import
// js_timeout(durationMs) posts the request { durationMs, cell } to this
// worker, then blocks in Atomics.wait until the cell's STATUS slot changes.
// Whatever this worker stores in the RESULT slot is what the module's sleep()
// returns.

// The cell's Int32 slots, and the STATUS value that means "answered".
const STATUS = 0;
const RESULT = 1;
const DONE = 1;

export async function run(host) {
  const { port } = host.data;
  port.onmessage = async ({ data: { durationMs, cell } }) => {
    host.log(`request: wait ${durationMs} ms`);

    // This thread never blocks: the timer runs on its own event loop, and
    // the answer is the time that really passed.
    const measuredMs = await host.sleep(durationMs);

    host.log('done: storing RESULT, then STATUS = DONE, then notify');
    const slots = new Int32Array(cell, 0, 2);
    Atomics.store(slots, RESULT, measuredMs);
    Atomics.store(slots, STATUS, DONE);
    Atomics.notify(slots, STATUS);
  };
  host.log('ready: waiting for requests');
}
