// The first module of every Web Worker: connects the worker side of the
// worker API (../worker-session.mjs) to the worker's global scope.
import { serveWorker } from '../worker-session.mjs';
import { browserWorkerEnvironment } from './env.mjs';

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
  env: browserWorkerEnvironment(chapter),
});
