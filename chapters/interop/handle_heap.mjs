// Variant: JavaScript objects reach wasm as i32 handles into a heap kept in
// JavaScript, with a free list, as wasm-bindgen's glue does it by hand.
import { ObjectHeap } from './object_heap.mjs';

export async function run(host) {
  // ANCHOR: run
  const heap = new ObjectHeap();
  const { exports } = await host.instantiate('handles', {
    heap: { name_length: (handle) => heap.get(handle).name.length },
  });

  const ada = { name: 'Ada' };
  const grace = { name: 'Grace' };
  const adaHandle = heap.add(ada);
  const graceHandle = heap.add(grace);
  const longer = heap.get(exports.pick_longer(adaHandle, graceHandle));
  // ANCHOR_END: run
  host.log(`handles given to wasm: ${adaHandle} and ${graceHandle}`);
  host.log(`wasm picked: ${longer.name}`);
  host.fact('the object wasm handed back is the very object passed in (===)', longer === grace);

  // ANCHOR: reuse
  heap.drop(adaHandle);
  const linusHandle = heap.add({ name: 'Linus' });
  // ANCHOR_END: reuse
  host.log(`after dropping handle ${adaHandle}, the next object got handle ${linusHandle}`);
  host.fact('a freed handle is reused', linusHandle === adaHandle);
  heap.drop(graceHandle);
  heap.drop(linusHandle);
  host.log(`objects still alive in the heap: ${heap.live}`);
  try {
    heap.get(graceHandle);
  } catch (error) {
    host.log(`using a dropped handle: ${error.constructor.name}: ${error.message}`);
  }
}
