// `host.quickjs(build)`: the QuickJS-ng engine of the pinned
// quickjs-emscripten packages, with every handle a harness creates tracked,
// so that a forgotten `dispose()` fails the run and names where the handle came from.
//
// The packages are loaded by their bare names. Under Node they resolve from
// node-harness/node_modules, on the main thread and in workers; the browser
// pages map the same names to the server's /node_modules/ route with an
// import map (env/browser/import-map.js), which a module Web Worker lacks.

/** The engine builds a harness may ask for, and the npm package of each. */
export const QUICKJS_BUILDS = {
  sync: '@jitl/quickjs-ng-wasmfile-release-sync',
  asyncify: '@jitl/quickjs-ng-wasmfile-release-asyncify',
};

/** Path of a build's wasm file inside node_modules. */
export function quickjsWasmPath(build) {
  return `${QUICKJS_BUILDS[build]}/dist/emscripten-module.wasm`;
}

// Literal specifiers, one per build, so that every resolver sees them.
const importBuild = {
  sync: () => import('@jitl/quickjs-ng-wasmfile-release-sync'),
  asyncify: () => import('@jitl/quickjs-ng-wasmfile-release-asyncify'),
};

/**
 * The `quickjs` function of one host, and the check its environment runs
 * once the harness finished.
 * @param {object} env
 * @param {(path: string) => Promise<BufferSource>} [env.loadPackageFile] bytes of a
 *   file in node_modules
 * @param {string} [env.quickjsUnavailable] why this environment cannot load QuickJS
 */
export function createQuickJSAccess({ loadPackageFile, quickjsUnavailable }) {
  const engines = new Map();
  const openContexts = new Set();

  async function loadEngine(build) {
    if (!Object.hasOwn(QUICKJS_BUILDS, build)) {
      const known = Object.keys(QUICKJS_BUILDS).join("' or '");
      throw new Error(`host.quickjs('${build}'): no such build; ask for '${known}'`);
    }
    if (quickjsUnavailable || !loadPackageFile) {
      const why = quickjsUnavailable ?? 'this environment serves no package files';
      throw new Error(`host.quickjs('${build}') cannot load QuickJS here: ${why}`);
    }
    const core = await import('quickjs-emscripten-core');
    const wasm = await loadPackageFile(quickjsWasmPath(build));
    const variant = core.newVariant((await importBuild[build]()).default, { wasmBinary: wasm });
    const module =
      build === 'asyncify'
        ? await core.newQuickJSAsyncWASMModuleFromVariant(variant)
        : await core.newQuickJSWASMModuleFromVariant(variant);
    return {
      build,
      package: QUICKJS_BUILDS[build],
      wasmBytes: wasm.byteLength,
      /** A new context on its own runtime; `dispose()` it when the guest is done. */
      newContext() {
        const context = trackHandles(module.newContext(), build, core.StaticLifetime, openContexts);
        openContexts.add(context);
        return context;
      },
    };
  }

  return {
    /**
     * The engine `build` ('sync' or 'asyncify'), loaded once per host:
     * `{ build, package, wasmBytes, newContext() }`.
     */
    quickjs(build) {
      if (!engines.has(build)) engines.set(build, loadEngine(build));
      return engines.get(build);
    },

    /** Fails when a context that `newContext()` made was never disposed. */
    assertContextsDisposed() {
      if (openContexts.size === 0) return;
      const builds = [...openContexts].map((context) => `'${context.build}'`).join(', ');
      const count = openContexts.size;
      openContexts.clear();
      throw new Error(
        `QuickJS: ${count} context(s) never disposed (builds ${builds}): ` +
          'call vm.dispose() on each context from newContext() once its guest is done',
      );
    },
  };
}

/** How many recorded handles trigger forgetting the disposed ones. */
const COMPACT_AT = 1024;

// A proxy over a QuickJSContext that records every handle its methods return.
// Handles the library creates and frees itself (host function arguments, the
// value a host function returns) never pass through it.
function trackHandles(context, build, StaticLifetime, openContexts) {
  const created = [];
  const seen = new WeakSet();
  let compactAt = COMPACT_AT;
  const record = (method, value) => {
    if (value instanceof Promise) {
      return value.then((settled) => record(method, settled));
    }
    // A result ({ value } or { error }) is disposable itself; the handle inside is what leaks.
    const inner = [value?.value, value?.error].filter((handle) => isHandle(handle, StaticLifetime));
    const handles = inner.length > 0 ? inner : [value];
    for (const handle of handles) {
      // unwrapResult hands back the handle evalCode made: one handle, counted once, where it was made.
      if (isHandle(handle, StaticLifetime) && !seen.has(handle)) {
        seen.add(handle);
        created.push({ method, handle });
      }
    }
    // Most handles are disposed soon after; forget those so a long loop does not pile them up.
    if (created.length >= compactAt) {
      const alive = created.filter(({ handle }) => handle.alive);
      created.splice(0, created.length, ...alive);
      compactAt = Math.max(COMPACT_AT, 2 * alive.length);
    }
    return value;
  };

  const leaks = () => {
    const counts = new Map();
    for (const { method, handle } of created) {
      if (handle.alive) counts.set(method, (counts.get(method) ?? 0) + 1);
    }
    return [...counts].map(([method, count]) => `${count} from vm.${method}()`);
  };

  const proxy = new Proxy(context, {
    get(target, property) {
      if (property === 'build') return build;
      if (property === 'dispose') {
        return () => {
          const leaked = leaks();
          if (leaked.length > 0) {
            throw new Error(
              `QuickJS: handles still alive when the context was disposed: ${leaked.join(', ')}; ` +
                'dispose each one (or its result\'s value/error) before vm.dispose()',
            );
          }
          openContexts.delete(proxy);
          target.dispose();
        };
      }
      const member = Reflect.get(target, property, target);
      if (typeof member !== 'function') return member;
      return (...args) => record(String(property), member.apply(target, args));
    },
  });
  return proxy;
}

function isHandle(value, StaticLifetime) {
  return (
    typeof value?.dispose === 'function' &&
    'alive' in value &&
    !(value instanceof StaticLifetime)
  );
}
