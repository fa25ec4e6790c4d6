// A small module for the driver's tests, asyncified by the pinned binaryen
// (the same package wasm-opt comes from), so the tests need no built artifact.
import binaryen from 'binaryen';

const WAT = `
(module
  (import "env" "sleep" (func $sleep (param i32) (result i32)))
  (import "env" "callback" (func $callback (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "tenfold_plus_sleep") (param $x i32) (result i32)
    (local $tenfold i32)
    (local.set $tenfold (i32.mul (local.get $x) (i32.const 10)))
    (i32.add (local.get $tenfold) (call $sleep (local.get $x))))
  (func (export "call_back") (param $x i32) (result i32)
    (call $callback (local.get $x))))
`;

let compiled = null;

/** The compiled module: `tenfold_plus_sleep(x)` is 10x plus what `sleep(x)` resolves to. */
export function asyncifiedModule() {
  if (!compiled) {
    const module = binaryen.parseText(WAT);
    binaryen.setPassArgument('asyncify-imports', 'env.sleep');
    module.runPasses(['asyncify']);
    if (!module.validate()) throw new Error('the asyncified test module does not validate');
    compiled = new WebAssembly.Module(module.emitBinary());
    module.dispose();
  }
  return compiled;
}

/** A driver attached to a fresh instance whose `sleep(x)` resolves to `answer(x)`. */
export function instantiateWithDriver(driver, { answer = async (x) => x + 1, callback = (x) => x, stackBytes = 1024 } = {}) {
  const instance = new WebAssembly.Instance(asyncifiedModule(), {
    env: { sleep: driver.suspending(answer, 'sleep'), callback },
  });
  driver.attach(instance.exports, { dataAddress: 16, stackBytes });
  return instance.exports;
}
