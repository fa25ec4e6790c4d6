// The JavaScript side shared by every variant: it reads the module name wasm
// asks for, loads that module with import(), and keeps loaded modules in a
// small table so wasm can refer to one by number. The wasm side differs per
// technique; this file does not.

// ANCHOR: codes
/** The error codes wasm receives instead of a module handle. */
export const NOT_FOUND = -1;
export const REFUSED = -2;

// wasm chooses what to load, so it may choose only from this folder.
const PLUGIN_FOLDER = './plugins/';
const PLUGIN_FOLDER_URL = new URL(PLUGIN_FOLDER, import.meta.url).href;
// ANCHOR_END: codes

export function createPluginHost(host) {
  const loadedModules = new Map();
  let nextHandle = 1;
  let memory = null;
  const inFlight = new Set();
  const reports = [];

  function nameAt(namePtr, nameLen) {
    const name = new TextDecoder().decode(new Uint8Array(memory.buffer, namePtr, nameLen));
    host.log(`wasm asked for ${name}`);
    return name;
  }

  function keep(module) {
    const handle = nextHandle++;
    loadedModules.set(handle, module);
    return handle;
  }

  /** Keeps `loading` in flight until it settles, so `settled()` waits for it. */
  function track(loading) {
    inFlight.add(loading);
    loading.then(() => inFlight.delete(loading), () => inFlight.delete(loading));
    return loading;
  }

  // ANCHOR: load
  async function loadPlugin(namePtr, nameLen) {
    const name = nameAt(namePtr, nameLen);
    // Relative to this file, so it works from file: URLs and over HTTP. The
    // URL is resolved before the check, so "./plugins/../x" cannot slip past.
    const url = new URL(name, import.meta.url).href;
    if (!url.startsWith(PLUGIN_FOLDER_URL)) {
      host.log(`refused: only modules in ${PLUGIN_FOLDER} may be loaded`);
      return REFUSED;
    }
    let module;
    try {
      module = await import(url);
    } catch {
      host.log(`import() rejected: wasm gets error code ${NOT_FOUND}`);
      return NOT_FOUND;
    }
    host.log(`import() loaded ${name}`);
    return keep(module);
  }
  // ANCHOR_END: load

  return {
    /** Call once the instance exists: names are read from its memory. */
    attach(exports) {
      memory = exports.memory;
    },

    /** load(), tracked so that `settled()` can wait for it. */
    load(namePtr, nameLen) {
      return track(loadPlugin(namePtr, nameLen));
    },

    /** The error of the last import() that `loadOrThrow` let through. */
    lastRejection: null,

    /** Like `load`, but a failed import() rejects instead of returning a code. */
    // Tracked too: a browser's failed import() takes a network round trip, not one turn.
    loadOrThrow(namePtr, nameLen) {
      const name = nameAt(namePtr, nameLen);
      return track(import(new URL(name, import.meta.url).href).then(keep, (error) => {
        this.lastRejection = error;
        throw error;
      }));
    },

    /** The imports through which wasm uses a loaded module and lets it go. */
    moduleImports: {
      compute: (handle) => loadedModules.get(handle).compute(),
      release: (handle) => {
        loadedModules.delete(handle);
      },
    },

    /** The imports through which wasm reports its result. */
    reportImports: {
      value: (value) => reports.push(`${value}`),
      error: (code) => reports.push(`error ${code}`),
    },

    /**
     * Waits until every import() has settled and one more event-loop turn has
     * passed, so anything a settled import() was going to trigger has run.
     */
    async settled() {
      while (inFlight.size > 0) {
        await Promise.allSettled([...inFlight]);
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    },

    /** Logs what wasm reported and what is still held for it. */
    logOutcome() {
      host.log(`wasm reported: ${reports.splice(0).join(', ') || 'nothing'}`);
      host.log(`modules still held for wasm: ${loadedModules.size}`);
    },
  };
}
