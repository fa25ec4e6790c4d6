// The first script of every worker thread under Node: connects the
// host-agnostic worker side (serveWorker in workers.mjs) to worker_threads.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

import { serveWorker } from './workers.mjs';

serveWorker({
  endpoint: {
    postMessage: (message, transfer) => parentPort.postMessage(message, transfer),
    onMessage: (callback) => parentPort.on('message', callback),
  },
  loadWasm: (name) => readFile(join(workerData.artifactDir, `${name}.wasm`)),
  engine: { name: 'node', version: process.versions.node },
});
