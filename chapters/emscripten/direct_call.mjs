// Variant: the source chapter's call, `Module._wasm_sleep(5)`, with our loop.
// Calling the export directly starts the waits, but the C function's result
// never reaches JavaScript.
import { startWaitLoop } from './wait_module.mjs';

export async function run(host) {
  let finishedWaits = 0;
  let allDone;
  const done = new Promise((resolve) => {
    allDone = resolve;
  });
  const module = await startWaitLoop(host, 'wait-loop', () => {
    finishedWaits += 1;
    if (finishedWaits === 3) allDone();
  });
  // ANCHOR: direct
  const returned = module._wait_rounds(3, 10);
  // ANCHOR_END: direct
  host.log(`_wait_rounds(3, 10) returned ${returned} at once`);
  host.fact('it returned before any wait finished', finishedWaits === 0);
  await done;
  // Emscripten rewinds and finishes the loop after the last wait, one turn later.
  await host.sleep(0);
  host.fact('all 3 waits still ran, in the background', finishedWaits === 3);
  host.log('the loop\'s real result, 30, went nowhere: nothing called could receive it');
}
