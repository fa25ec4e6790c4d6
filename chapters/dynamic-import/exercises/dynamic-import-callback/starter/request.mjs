// Exercise dynamic-import-callback: the `request` import of by_callback.wat.
//
// wasm calls request(namePtr, nameLen, callback) and returns at once.
// `load(namePtr, nameLen)` starts the import() and returns a Promise of a
// module handle; it rejects when the module cannot be loaded.
// `complete(callback, handleOrError)` calls wasm back: a handle, or a
// negative error code such as NOT_FOUND.
import { NOT_FOUND } from '../../plugin_host.mjs';

export function requestImport(load, complete) {
  return (namePtr, nameLen, callback) => {
    // TODO: this calls wasm back only when the module loads. When import()
    // rejects, wasm must hear about it too, with the error code NOT_FOUND.
    load(namePtr, nameLen).then((handle) => complete(callback, handle));
  };
}

export { NOT_FOUND };
