// The Overview example's idea: a module keeps a state in a global, and
// update_state() adds a delta that JS computes asynchronously.
import { requireJspiApi } from './jspi_api.mjs';

export async function run(host) {
  requireJspiApi(host, 'standard');

  // ANCHOR: run
  const deltas = [5, 7, 30]; // handed out in order, one per compute_delta() call
  // Each computation starts after the previous one ends, so overlapping
  // calls finish in the order they were made, whatever the timers do.
  let previous = Promise.resolve();
  const computeDelta = () => {
    previous = previous.then(async () => {
      await host.sleep(5); // stands in for a fetch or any other async work
      return deltas.shift();
    });
    return previous;
  };
  const { exports } = await host.instantiate('update-state', {
    env: { compute_delta: new WebAssembly.Suspending(computeDelta) },
  });
  const updateState = WebAssembly.promising(exports.update_state);

  host.log(`get_state() = ${exports.get_state()}`);
  const first = updateState();
  // get_state is a plain export: it runs while update_state is suspended.
  host.log(`get_state() while update_state() waits = ${exports.get_state()}`);
  host.log(`update_state() resolved to ${await first}`);

  // Two overlapping updates: each reads $state only after its own wait, so
  // the second one adds to the first one's result.
  const [second, third] = await Promise.all([updateState(), updateState()]);
  host.log(`two overlapping update_state() calls resolved to ${second} and ${third}`);
  host.log(`get_state() = ${exports.get_state()}`);
  // ANCHOR_END: run
  host.fact('no update was lost (5 + 7 + 30 = 42)', exports.get_state() === 42);
}
