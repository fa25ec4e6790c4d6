// The asyncify driver: a call that pauses, the driver's refusals, and its
// recovery after a failure (lib/host/asyncify/).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { AsyncifyOverflowError, createAsyncifyDriver } from '../lib/host/asyncify/driver.mjs';
import { asyncifiedModule, instantiateWithDriver } from './asyncified-module.mjs';

test('a call that pauses resolves to what the export returns after the rewind', async () => {
  const driver = createAsyncifyDriver();
  const exports = instantiateWithDriver(driver);
  assert.equal(await driver.call(exports.tenfold_plus_sleep, 4), 45);
  assert.equal(driver.state(), 'normal');
  assert.equal(driver.pausedCall(), null);
  assert.equal(driver.stats.unwinds, 1);
  assert.ok(driver.stats.largestUnwindBytes > 0);
});

test('a module without the asyncify exports is refused at attach, with the fix', () => {
  const instance = new WebAssembly.Instance(
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])),
  );
  assert.throws(() => createAsyncifyDriver().attach(instance.exports, { dataAddress: 16, stackBytes: 64 }), {
    message: /no export "asyncify_start_unwind"; was it built with wasm-opt --asyncify\?/,
  });
});

test('bad layouts are refused with their numbers', () => {
  const instance = new WebAssembly.Instance(asyncifiedModule(), {
    env: { sleep: () => 0, callback: (x) => x },
  });
  const attach = (layout) => () => createAsyncifyDriver().attach(instance.exports, layout);
  assert.throws(attach({ dataAddress: 0, stackBytes: 64 }), { message: /dataAddress 0 puts the header where a null pointer points/ });
  assert.throws(attach({ dataAddress: 6, stackBytes: 64 }), { message: /dataAddress 6 must be a multiple of 4/ });
  assert.throws(attach({ dataAddress: 16, stackBytes: 70_000 }), { message: /ends past the memory's 65536 bytes/ });
});

test('a call before attach says to attach', () => {
  assert.throws(() => createAsyncifyDriver().call(() => 0), { message: /call `attach\(exports, layout\)` after instantiating/ });
});

test('a second call while one is paused is refused at once, naming the paused call', async () => {
  const driver = createAsyncifyDriver();
  const exports = instantiateWithDriver(driver);
  const first = driver.call(exports.tenfold_plus_sleep, 1);
  assert.throws(() => driver.call(exports.tenfold_plus_sleep, 2), { message: /another call is paused \(in sleep\(1\)\)/ });
  assert.equal(await first, 12);
});

test('a second pause while one is outstanding is refused, naming both calls', async () => {
  const driver = createAsyncifyDriver();
  const exports = instantiateWithDriver(driver);
  const first = driver.call(exports.tenfold_plus_sleep, 1);
  assert.throws(() => exports.tenfold_plus_sleep(2), { message: /sleep\(2\) was called while sleep\(1\) is still paused/ });
  assert.equal(await first, 12);
});

test('driver.call from inside an import is refused, saying to call the export directly', async () => {
  const driver = createAsyncifyDriver();
  let refusal = null;
  const exports = instantiateWithDriver(driver, {
    callback: (x) => {
      try {
        driver.call(exports.tenfold_plus_sleep, x);
      } catch (error) {
        refusal = error;
      }
      return x;
    },
  });
  assert.equal(await driver.call(exports.call_back, 7), 7);
  assert.match(refusal?.message ?? '', /driver\.call was used inside an import .* call the export directly/);
});

test('an overflowed buffer is named, and the driver works again with room', async () => {
  const driver = createAsyncifyDriver();
  const exports = instantiateWithDriver(driver, { stackBytes: 4 });
  await assert.rejects(driver.call(exports.tenfold_plus_sleep, 3), (error) => {
    assert.ok(error instanceof AsyncifyOverflowError, String(error));
    assert.equal(error.capacity, 4);
    assert.ok(error.atLeast > 4);
    return true;
  });
  assert.equal(driver.state(), 'normal');
  assert.equal(driver.pausedCall(), null);
  driver.attach(exports, { dataAddress: 16, stackBytes: 1024 });
  assert.equal(await driver.call(exports.tenfold_plus_sleep, 3), 34);
});

test('a rejected promise is thrown to the caller, and the same driver works again', async () => {
  const driver = createAsyncifyDriver();
  let calls = 0;
  const exports = instantiateWithDriver(driver, {
    answer: async (x) => {
      calls += 1;
      if (calls === 1) throw new Error('the first answer fails');
      return x;
    },
  });
  await assert.rejects(driver.call(exports.tenfold_plus_sleep, 2), { message: 'the first answer fails' });
  assert.equal(driver.state(), 'normal');
  assert.equal(await driver.call(exports.tenfold_plus_sleep, 2), 22);
});

test('steps driven by hand: a rewind before the promise settled is refused, reset recovers', async () => {
  const driver = createAsyncifyDriver();
  const exports = instantiateWithDriver(driver);
  exports.tenfold_plus_sleep(5);
  assert.equal(driver.state(), 'unwinding');
  assert.throws(() => driver.startRewind(), { message: /before starting a rewind, the state must be 'normal', but it is 'unwinding'/ });
  driver.stopUnwind();
  assert.throws(() => driver.startRewind(), { message: /nothing to rewind to; await waitForPending\(\) first/ });
  driver.reset();
  assert.equal(driver.pausedCall(), null);
  assert.equal(await driver.call(exports.tenfold_plus_sleep, 5), 56);
});
