// Checks the learner's sum_call.mjs against the chapter's wait_loop.c.
import { startWaitLoop } from '../../wait_module.mjs';
import { sumOfWaits } from './sum_call.mjs';

export async function run(host) {
  const module = await startWaitLoop(host, 'wait-loop');
  for (const [rounds, ms] of [
    [3, 10],
    [0, 10],
  ]) {
    const pending = sumOfWaits(module, rounds, ms);
    host.log(`sumOfWaits(module, ${rounds}, ${ms}):`);
    host.fact('  it is a promise', pending instanceof Promise);
    const total = await pending;
    host.fact(`  it resolves to ${rounds * ms}, what C returned`, total === rounds * ms);
  }
}
