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
export async function sleepThenFinish(exports, timer, value, ms) {
  // TODO: wrap the whole wait in `new Promise((resolve) => { ... })` and, in
  // timer.whenFired, resolve it with exports.finish(). Some hosts call back at
  // once, inside start(): set timer.whenFired before you call start.
  timer.whenFired = () => {};
  exports.start(value, ms);
  // TODO: too early: the timer has only just started, so finish() says -1.
  return exports.finish();
}
