// The first module of every Web Worker: connects the host-agnostic worker
// side (serveWorker in ../lib/workers.mjs) to the worker's global scope.
import { serveWorker } from '../lib/workers.mjs';
import { artifactUrl, browserEngine, fetchBytes } from './browser-env.mjs';

const chapter = new URL(import.meta.url).searchParams.get('chapter');

serveWorker({
  endpoint: {
    postMessage: (message, transfer) => self.postMessage(message, transfer),
    onMessage: (callback) => self.addEventListener('message', (event) => callback(event.data)),
  },
  loadWasm: (name) => fetchBytes(artifactUrl(chapter, name)),
  engine: browserEngine(),
});
