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
      const changed = changedGlobals(loaded, snapshotGlobals(scope));
      if (changed.length > 0) return `the run changed globals: ${changed.slice(0, 5).join(', ')}`;
      return null;
    },
  };
}

/** Every property the guard compares, by path, with its value or accessors. */
function snapshotGlobals(scope) {
  const snapshot = new Map();
  for (const [name, value] of ownValues(scope, 'globalThis', snapshot)) {
    if (PAGE_GLOBALS.has(name)) continue;
    if (value === null || value === scope) continue; // globalThis.globalThis, window, self
    if (typeof value !== 'object' && typeof value !== 'function') continue;
    const path = `globalThis.${name}`;
    const prototype = ownValues(value, path, snapshot).get('prototype');
    if (typeof value === 'function' && prototype && typeof prototype === 'object') {
      ownValues(prototype, `${path}.prototype`, snapshot);
    }
  }
  for (const name of PAGE_GLOBALS) snapshot.delete(`globalThis.${name}`);
  return snapshot;
}

// Records `object`'s own properties under `path` in `snapshot` (descriptors
// only: a getter is compared, never called) and returns the data values by name.
function ownValues(object, path, snapshot) {
  const values = new Map();
  for (const key of Reflect.ownKeys(object)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
    if (!descriptor) continue;
    const name = String(key);
    const entry = 'value' in descriptor ? [descriptor.value] : [descriptor.get, descriptor.set];
    snapshot.set(`${path}.${name}`, entry);
    if ('value' in descriptor) values.set(name, descriptor.value);
  }
  return values;
}

/** Paths added, removed or holding another value since `before`. */
function changedGlobals(before, after) {
  const changed = [];
  for (const [path, entry] of after) {
    const old = before.get(path);
    if (!old || old.length !== entry.length || old.some((value, i) => !Object.is(value, entry[i]))) {
      changed.push(path);
    }
  }
  for (const path of before.keys()) if (!after.has(path)) changed.push(path);
  return changed;
}
