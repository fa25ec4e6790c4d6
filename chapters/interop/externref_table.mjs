// Variant: JavaScript objects go into wasm as externref and live in a wasm
// table; JavaScript keeps only the slot numbers.
export async function run(host) {
  // ANCHOR: run
  const { exports } = await host.instantiate('ref-table', {
    object: { name_length: (object) => object.name.length },
  });

  const ada = { name: 'Ada' };
  const grace = { name: 'Grace' };
  const adaSlot = exports.store(ada);
  const graceSlot = exports.store(grace);
  const longer = exports.load(exports.pick_longer(adaSlot, graceSlot));
  // ANCHOR_END: run
  host.log(`slots given out by wasm: ${adaSlot} and ${graceSlot}`);
  host.log(`wasm picked: ${longer.name}`);
  host.fact('the object wasm handed back is the very object passed in (===)', longer === grace);

  // ANCHOR: reuse
  exports.release(adaSlot);
  const linusSlot = exports.store({ name: 'Linus' });
  // ANCHOR_END: reuse
  host.log(`after releasing slot ${adaSlot}, the next object got slot ${linusSlot}`);
  host.fact('a released slot is reused', linusSlot === adaSlot);
  exports.release(graceSlot);
  host.log(`a released slot reads back as: ${exports.load(graceSlot)}`);
}
