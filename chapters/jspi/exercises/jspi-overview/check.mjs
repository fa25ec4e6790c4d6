// Checks the learner's counter.wat: two update_state() calls overlap, and
// both deltas must end up in the state.
import { requireJspiApi } from '../../jspi_api.mjs';

const DELTAS = [5, 7];

export async function run(host) {
  requireJspiApi(host, 'standard');

  // Each compute_delta() call waits until the check hands it a delta. The
  // check resumes the calls one at a time, in call order: no timer decides.
  const handOut = []; // one resolve function per compute_delta() call, in call order
  const computeDelta = () => new Promise((resolve) => handOut.push(resolve));
  const { exports } = await host.instantiate('counter', {
    env: { compute_delta: new WebAssembly.Suspending(computeDelta) },
  });
  const updateState = WebAssembly.promising(exports.update_state);

  host.log(`get_state() = ${exports.get_state()}`);
  host.log('calling update_state() twice, without awaiting either');
  const calls = [updateState(), updateState()];
  const bothWaiting = handOut.length === DELTAS.length;
  host.fact('both calls are suspended in compute_delta()', bothWaiting);
  if (!bothWaiting) {
    throw new Error(
      `update_state() must call compute_delta() once per call; it was called ${handOut.length} time(s) for 2 calls`,
    );
  }
  host.log(`get_state() while both wait = ${exports.get_state()}`);

  for (const [index, call] of calls.entries()) {
    host.log(`call ${index + 1} receives its delta, ${DELTAS[index]}`);
    handOut[index](DELTAS[index]);
    host.log(`call ${index + 1} resolved to ${await call}`);
  }

  const state = exports.get_state();
  host.log(`get_state() = ${state}`);
  const total = DELTAS.reduce((sum, delta) => sum + delta, 0);
  host.fact(`no update was lost (${DELTAS.join(' + ')} = ${total})`, state === total);
}
