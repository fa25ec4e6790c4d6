// When a host page may run another variant (lib/env/browser/page-reuse.mjs):
// the guard must notice every way a run can leave the page changed. Each
// test checks the globals of a realm of its own (node:vm), which nothing
// else touches, as a page's globals while no run is under way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import vm from 'node:vm';

import { createReuseGuard } from '../lib/env/browser/page-reuse.mjs';

const freshRealm = () => vm.runInNewContext('globalThis');

test('a page whose runs changed nothing but its own state may run another variant', () => {
  const realm = freshRealm();
  const guard = createReuseGuard(realm);
  realm.workbookRun = { state: 'done' };
  realm.workbookHost = {};
  assert.equal(guard.whyNotReusable(), null);
});

test('a new, replaced or removed global, a patched built-in or prototype is noticed', async (t) => {
  const cases = [
    ['a new global', (realm) => (realm.leftBehind = 1), 'globalThis.leftBehind'],
    ['a removed global', (realm) => delete realm.Reflect, 'globalThis.Reflect'],
    ['a replaced global', (realm) => (realm.Promise = class {}), 'globalThis.Promise'],
    ['a patched built-in', (realm) => (realm.WebAssembly.instantiate = () => {}), 'globalThis.WebAssembly.instantiate'],
    ['a patched prototype', (realm) => (realm.Array.prototype.map = () => {}), 'globalThis.Array.prototype.map'],
    ['a getter replaced', (realm) => Object.defineProperty(realm, 'now', { get: () => 1 }), 'globalThis.now'],
  ];
  for (const [name, change, path] of cases) {
    await t.test(name, () => {
      const realm = freshRealm();
      const guard = createReuseGuard(realm);
      assert.equal(guard.whyNotReusable(), null);
      change(realm);
      assert.match(guard.whyNotReusable() ?? 'nothing noticed', new RegExp(`: .*${path.replaceAll('.', '\\.')}`));
    });
  }
});

test('a page that started a worker, or imported a harness, says so', () => {
  const guard = createReuseGuard(freshRealm());
  assert.equal(guard.claimHarness('/chapters/a/run.mjs'), true);
  assert.equal(guard.imported('/chapters/a/run.mjs'), true);
  assert.equal(guard.claimHarness('/chapters/a/run.mjs'), false);
  assert.equal(guard.whyNotReusable(), null);
  guard.countWorker();
  assert.match(guard.whyNotReusable(), /started 1 worker/);
});
