// What Asyncify costs on a whole interpreter: a larger wasm file, and a
// slower call wherever a host function may suspend.

/** Calls per measurement: enough that one eval's own cost does not matter. */
const CALLS = 1000;
/** Timed rounds per kind of call; the fastest counts, as the least disturbed by other work
 * (five were too few on a loaded machine: every plain round could be slowed more than the best suspending one). */
const ROUNDS = 15;

export async function run(host) {
  const sync = await host.quickjs('sync');
  const asyncify = await host.quickjs('asyncify');
  host.detail(`${sync.package}: ${sync.wasmBytes} bytes`);
  host.detail(`${asyncify.package}: ${asyncify.wasmBytes} bytes`);
  host.fact('the asyncify build is larger than the sync build', asyncify.wasmBytes > sync.wasmBytes);

  const vm = asyncify.newContext();
  // ANCHOR: cost
  const plain = vm.newFunction('plain', () => vm.newNumber(1));
  const suspending = vm.newAsyncifiedFunction('suspending', async () => vm.newNumber(1));
  // ANCHOR_END: cost
  vm.setProp(vm.global, 'plain', plain);
  vm.setProp(vm.global, 'suspending', suspending);
  plain.dispose();
  suspending.dispose();

  // One untimed round each first, so compiling and tiering up the engine are not counted.
  await microsPerCall(host, vm, 'plain');
  await microsPerCall(host, vm, 'suspending');
  let plainMicros = Infinity;
  let suspendingMicros = Infinity;
  // Alternating rounds, so that a burst of other work on the machine slows both kinds alike.
  for (let round = 0; round < ROUNDS; round += 1) {
    plainMicros = Math.min(plainMicros, await microsPerCall(host, vm, 'plain'));
    suspendingMicros = Math.min(suspendingMicros, await microsPerCall(host, vm, 'suspending'));
  }
  vm.dispose();
  host.detail(`plain host call: ${plainMicros.toFixed(2)} µs per call`);
  host.detail(`asyncified host call: ${suspendingMicros.toFixed(2)} µs per call`);
  host.fact('an asyncified call is slower than a plain host call', suspendingMicros > plainMicros);
}

async function microsPerCall(host, vm, name) {
  const loop = `(() => { let sum = 0; for (let i = 0; i < ${CALLS}; i++) sum += ${name}(); return sum; })()`;
  const started = host.now();
  const sum = vm.unwrapResult(await vm.evalCodeAsync(loop, `${name}_loop.js`));
  const elapsed = host.now() - started;
  if (vm.getNumber(sum) !== CALLS) throw new Error(`${name}_loop.js summed ${vm.dump(sum)}, not ${CALLS}`);
  sum.dispose();
  return (elapsed * 1000) / CALLS;
}

