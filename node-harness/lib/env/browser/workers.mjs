// The browser side of the worker API (see ../../host/workers.mjs): each worker
// is a module Web Worker running worker-bootstrap.mjs.

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * Returns the `spawn` primitive that `createWorkerStarter` needs.
 * @param {{chapter: string}} options whose built modules the workers load
 */
export function browserWorkerSpawner({ chapter }) {
  return ({ name }) => {
    const url = new URL(BOOTSTRAP);
    url.searchParams.set('chapter', chapter);
    const worker = new Worker(url, { type: 'module', name });
    let stopping = false;
    const errorCallbacks = [];
    const reportError = (error) => {
      if (!stopping) for (const callback of errorCallbacks) callback(error);
    };
    worker.addEventListener('error', (event) => {
      // Reported through the worker API, not as a page error.
      event.preventDefault();
      reportError(new Error(event.message || 'its module could not be loaded'));
    });
    worker.addEventListener('messageerror', () =>
      reportError(new Error('one of its messages could not be deserialized')),
    );
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (callback) => worker.addEventListener('message', (event) => callback(event.data)),
      onError: (callback) => errorCallbacks.push(callback),
      terminate: () => {
        stopping = true;
        worker.terminate();
      },
    };
  };
}
