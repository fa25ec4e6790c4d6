// When a host page may run another variant after one it ran: the driver
// (browser-driver.mjs) keeps such a page and asks it to run the next variant
// in place, without a new context, page or navigation. A page is kept only
// when the run it finished left it as it found it:
//   - no harness module is imported twice (a module runs its top level once
//     per page, so a second run of the same harness would share its state);
//   - no worker was started (workers and the memory they share stay per page);
//   - every global, every global's own properties, and every global
//     constructor's prototype have the values they had when the page loaded
//     (a lesson that patches `setTimeout` or `WebAssembly.instantiate` and
//     does not put them back would change the runs after it).
// Failing, hanging or crashing runs are discarded by the driver.

/** Globals that change by design: the page's own state. */
const PAGE_GLOBALS = new Set(['workbookRun', 'workbookHost']);

/** Returns the checks of one page, with the globals of `scope` as they are now. */
export function createReuseGuard(scope = globalThis) {
  const loaded = snapshotGlobals(scope);
  const importedHarnesses = new Set();
  let workersStarted = 0;
  return {
    /** Counts a worker this page started. */
    countWorker() {
      workersStarted += 1;
    },
    /** Whether this page imported the harness at `url`. */
    imported: (url) => importedHarnesses.has(url),
    /** Claims `url` for one run: false when this page imported it already. */
    claimHarness(url) {
      if (importedHarnesses.has(url)) return false;
      importedHarnesses.add(url);
      return true;
    },
    /** Why the page may not run another variant, or null when it may. */
    whyNotReusable() {
      if (workersStarted > 0) return `it started ${workersStarted} worker(s)`;
      const changed = changedGlobals(loaded, scope);
      if (changed.length > 0) return `the run changed globals: ${changed.slice(0, 5).join(', ')}`;
      return null;
    },
  };
}

/** A marker that an entry holds a data property's value, not accessors. */
const DATA = Symbol('data property');

/**
 * The objects the guard compares, each with its own keys and, per key, two
 * entries: [DATA, value] or [getter, setter] (a getter is compared, never called):
 * globalThis, each global object or function, and each global function's prototype.
 */
function snapshotGlobals(scope) {
  const tracked = [record(scope, 'globalThis')];
  const globals = tracked[0];
  globals.keys.forEach((key, index) => {
    const value = globals.entries[2 * index + 1];
    if (globals.entries[2 * index] !== DATA || PAGE_GLOBALS.has(key) || value === scope) return;
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
    const path = `globalThis.${String(key)}`;
    tracked.push(record(value, path));
    const prototype = typeof value === 'function' ? ownData(value, 'prototype') : undefined;
    if (prototype !== null && typeof prototype === 'object') tracked.push(record(prototype, `${path}.prototype`));
  });
  return tracked;
}

function record(object, path) {
  const keys = Reflect.ownKeys(object);
  return { object, path, keys, entries: keys.flatMap((key) => entry(object, key)) };
}

function entry(object, key) {
  const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
  if (!descriptor) return [undefined, undefined];
  return 'value' in descriptor ? [DATA, descriptor.value] : [descriptor.get, descriptor.set];
}

function ownData(object, key) {
  const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

/** Paths of the properties added, removed or holding another value since `loaded`. */
function changedGlobals(loaded, scope) {
  const changed = [];
  for (const { object, path, keys, entries } of loaded) {
    // A key added beside one removed keeps the count: the removed one is reported below.
    const now = Reflect.ownKeys(object);
    if (now.length !== keys.length) {
      const known = new Set(keys);
      const added = now.filter((key) => !known.has(key) && !(object === scope && PAGE_GLOBALS.has(key)));
      for (const key of added) changed.push(`${path}.${String(key)}`);
    }
    keys.forEach((key, index) => {
      if (object === scope && PAGE_GLOBALS.has(key)) return;
      const [first, second] = entry(object, key);
      if (!Object.is(first, entries[2 * index]) || !Object.is(second, entries[2 * index + 1])) {
        changed.push(`${path}.${String(key)}`);
      }
    });
  }
  return changed;
}
