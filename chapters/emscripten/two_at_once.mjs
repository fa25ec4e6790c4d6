// Variant: a second ccall while the first is paused. Emscripten's release
// glue does not refuse it: both calls share one Asyncify data buffer, and a
// rewind later reads the wrong saved stack. A queue makes the same two calls right.
import { startWaitLoop, waitRounds } from './wait_module.mjs';

export async function run(host) {
  // ANCHOR: overlap
  const module = await startWaitLoop(host, 'wait-loop');
  const crash = host.nextUncaughtError();
  const first = waitRounds(module, 3, 10);
  const second = waitRounds(module, 2, 7);
  // ANCHOR_END: overlap
  host.fact('the second ccall was accepted while the first was paused', second instanceof Promise);
  const outcome = await Promise.race([
    crash.then((error) => ({ error })),
    Promise.allSettled([first, second]).then((settled) => ({ settled })),
  ]);
  if (outcome.error) {
    host.log(`then a rewind failed, outside both calls: ${outcome.error.constructor.name}: ${outcome.error.message}`);
  } else {
    host.log(`both calls settled: ${JSON.stringify(outcome.settled)}`);
  }

  // ANCHOR: queue
  const fresh = await startWaitLoop(host, 'wait-loop');
  let queue = Promise.resolve();
  const oneAtATime = (rounds, ms) => {
    const call = queue.then(() => waitRounds(fresh, rounds, ms));
    queue = call.catch(() => {});
    return call;
  };
  const results = await Promise.all([oneAtATime(3, 10), oneAtATime(2, 7)]);
  // ANCHOR_END: queue
  host.log(`queued one at a time, the two calls resolved to ${results.join(' and ')}`);
}
