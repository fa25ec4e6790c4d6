// Exercise callback-promise: turn a callback into something you can await.
//
// `exports` is the split module double_later.wat: exports.start(value, ms)
// starts a timer of ms milliseconds and returns at once; exports.finish()
// returns value * 2, but only once the timer has fired (before, it returns -1).
//
// The host calls `timer.whenFired()` when the timer that start() asked for
// fires: set timer.whenFired to the function that should run then.
//
// sleepThenFinish(exports, timer, value, ms) must return a Promise that
// resolves with what finish() returns once the timer has fired.
export function sleepThenFinish(exports, timer, value, ms) {
  return new Promise((resolve) => {
    // Wired first: a host may call back before start() returns.
    timer.whenFired = () => resolve(exports.finish());
    exports.start(value, ms);
  });
}
