// A callback setter that JavaScript can really call: the function goes in as
// an externref, and comes back out through the `invoke` import.
// ANCHOR: run
export async function run(host) {
  let timerDone; // wired before start() can schedule anything
  const { exports } = await host.instantiate('setter', {
    env: {
      set_timeout: (ms) => setTimeout(() => timerDone(), ms),
      invoke: (callback, value) => callback(value),
    },
  });
  timerDone = () => exports.timer_done();

  const result = await new Promise((resolve) => {
    exports.set_complete_callback((value) => resolve(value));
    exports.start(10);
    host.log('start() returned; the completion callback is stored in wasm');
  });
  host.log(`the completion callback received ${result}`);
}
// ANCHOR_END: run
