// Variant: one C source, three builds. Listing the async import changes
// nothing in this program; leaving out -sASYNCIFY still compiles, and fails
// when C first waits.
import { startWaitLoop, waitRounds } from './wait_module.mjs';

const BUILDS = ['wait-loop', 'wait-loop-imports-listed', 'wait-loop-no-asyncify'];

export async function run(host) {
  for (const build of BUILDS) {
    const module = await startWaitLoop(host, build);
    try {
      host.log(`${build}: wait_rounds(3, 10) resolved to ${await waitRounds(module, 3, 10)}`);
    } catch (error) {
      host.log(`${build}: the call failed with ${error.constructor.name}: ${error.message}`);
    }
  }
}
