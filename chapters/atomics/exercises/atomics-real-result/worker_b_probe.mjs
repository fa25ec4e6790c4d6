// The check's wrapper around your worker_b.mjs: it runs your worker B
// unchanged and only watches one thing, the order of two events in worker B:
// did a host.sleep of the requested time end before Atomics.notify woke
// worker A? It judges that order, never how long anything took.
import { run as runWorkerB } from './worker_b.mjs';

// What the check reads from the shared cell `observed[0]`.
const SLEPT_THEN_NOTIFIED = 1;
const NOTIFIED_BEFORE_SLEEPING = 2;

export async function run(host) {
  const { durationMs } = host.data;
  const observed = new Int32Array(host.data.observed);
  const sleep = host.sleep.bind(host);
  let slept = false;
  host.sleep = async (ms) => {
    const measured = await sleep(ms);
    slept ||= ms >= durationMs;
    return measured;
  };
  const notify = Atomics.notify;
  Atomics.notify = (...args) => {
    if (Atomics.load(observed, 0) === 0) {
      Atomics.store(observed, 0, slept ? SLEPT_THEN_NOTIFIED : NOTIFIED_BEFORE_SLEEPING);
    }
    return notify(...args);
  };
  return runWorkerB(host);
}
