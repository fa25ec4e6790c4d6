// Exercise dynamic-import-callback: the `request` import of by_callback.wat.
import { NOT_FOUND } from '../../plugin_host.mjs';

export function requestImport(load, complete) {
  return (namePtr, nameLen, callback) => {
    load(namePtr, nameLen).then(
      (handle) => complete(callback, handle),
      () => complete(callback, NOT_FOUND),
    );
  };
}

export { NOT_FOUND };
