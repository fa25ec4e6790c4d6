// Runs `script` in QuickJS, where `sleep(ms)` waits on the host's timer and
// returns the milliseconds that passed, and returns the script's last value.
export async function evalWithSleep(host, script) {
  // TODO: load the asyncify build with host.quickjs('asyncify') and make a context.
  // TODO: define `sleep` as an asyncified function that awaits host.sleep(ms).
  // TODO: evaluate `script` with evalCodeAsync and return its value,
  //       after disposing every handle and the context.
  return undefined;
}
