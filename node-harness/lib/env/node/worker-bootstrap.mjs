// The first script of every worker thread under Node: connects the worker
// side of the worker API (env/worker-session.mjs) to worker_threads.
import { parentPort, workerData } from 'node:worker_threads';

import { serveWorker } from '../worker-session.mjs';
import { nodeEnvironment } from './env.mjs';

serveWorker({
  endpoint: {
    postMessage: (message, transfer) => parentPort.postMessage(message, transfer),
    onMessage: (callback) => parentPort.on('message', callback),
  },
  env: nodeEnvironment(workerData.artifactDir), // its spawnWorker goes unused: no nested workers
});
