// The Node side of the worker API (see host/workers.mjs): each worker is a
// worker_threads Worker running worker-bootstrap.mjs.
import { Worker } from 'node:worker_threads';

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * Returns the `spawn` primitive that `createWorkerStarter` needs.
 * @param {{artifactDir: string}} options where the worker loads `<name>.wasm` from
 */
export function nodeWorkerSpawner({ artifactDir }) {
  return ({ name }) => {
    const worker = new Worker(BOOTSTRAP, { name, workerData: { artifactDir } });
    let stopping = false;
    const errorCallbacks = [];
    const reportError = (error) => {
      if (!stopping) for (const callback of errorCallbacks) callback(error);
    };
    worker.on('error', reportError);
    // The bootstrap keeps its thread alive until terminated; any other exit is a failure.
    worker.on('exit', (code) => reportError(new Error(`its thread exited (code ${code})`)));
    return {
      postMessage: (message, transfer) => worker.postMessage(message, transfer),
      onMessage: (callback) => worker.on('message', callback),
      onError: (callback) => errorCallbacks.push(callback),
      terminate: async () => {
        stopping = true;
        await worker.terminate();
      },
    };
  };
}
