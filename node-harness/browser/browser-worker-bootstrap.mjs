// The first module of every Web Worker: connects the host-agnostic worker
// side (serveWorker in ../lib/workers.mjs) to the worker's global scope.
import { serveWorker } from '../lib/workers.mjs';
import { artifactUrl, browserEngine, fetchBytes } from './browser-env.mjs';

const chapter = new URL(import.meta.url).searchParams.get('chapter');

// Under Node an unhandled rejection ends the worker with an error; a browser
// would only print it to the console, so report it as the worker's failure.
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  const { reason } = event;
  const message = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  self.postMessage({ kind: 'failed', error: { message, stack: reason?.stack } });
});

serveWorker({
  endpoint: {
    postMessage: (message, transfer) => self.postMessage(message, transfer),
    onMessage: (callback) => self.addEventListener('message', (event) => callback(event.data)),
  },
  loadWasm: (name) => fetchBytes(artifactUrl(chapter, name)),
  engine: browserEngine(),
});
