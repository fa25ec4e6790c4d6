// The worker API on the main thread: `host.startWorker()`. Only web-standard
// JavaScript lives here; the environment supplies `spawn({ name })`, which
// starts a worker running the environment's bootstrap and returns an endpoint
// to it. Node does this with worker_threads (env/node/workers.mjs); a browser
// with module Web Workers (env/browser/workers.mjs). The worker's side is
// env/worker-session.mjs.
//
// Messages between the main thread and one worker, all plain objects:
//
//   main thread                                 worker bootstrap
//   { kind: 'init', moduleUrl, name, data, tickets, trace, portPeers }
//     with the caller's transfer list ───────►  imports moduleUrl
//                                          ◄───  { kind: 'ready' }
//                                          ◄───  { kind: 'line', ticket, line }   host.log, ...,
//                                                                               and trace events
//                                          ◄───  { kind: 'live', event }      live-only trace events
//   { kind: 'message', message } ─────────►      host.receive()
//                                          ◄───  { kind: 'message', message }     host.postMessage
//                                          ◄───  { kind: 'done', value }          run() resolved
//                                          ◄───  { kind: 'failed', error }        it threw
//
// Lines from every thread print in the order they were logged: see
// env/log-order.mjs.

import { handPortsTo, showMessage } from '../trace/ports.mjs';
import { TRACE_PREFIX } from '../trace/tracer.mjs';
import { createInbox, deferred } from './channel.mjs';
import { DETAIL_PREFIX } from './host.mjs';

// ANCHOR: start_worker
/**
 * `host.startWorker(moduleUrl, { name, data, transfer })` resolves, once the
 * worker module has loaded and its `run(host)` has started, to a handle:
 *   - `name`;
 *   - `result`: a promise of `run(host)`'s return value, rejected when the worker fails;
 *   - `postMessage(message, transfer)`: delivered to the worker's `host.receive()`;
 *   - `receive()`: a promise of the next message from the worker's `host.postMessage()`;
 *   - `terminate()`: waits for the worker's log lines, then stops it.
 *
 * The environment's `spawn({ name })` returns an endpoint:
 *   { postMessage(message, transfer), onMessage(callback(message)),
 *     onError(callback(error)), terminate(): Promise|undefined }
 * and it calls `terminateAll()` when the harness ends.
 */
// ANCHOR_END: start_worker
export function createWorkerStarter({ tracer, spawn, sequencer, onUncaughtError }) {
  const running = new Set();

  async function startWorker(moduleUrl, { name = 'worker', data = null, transfer = [] } = {}) {
    tracer.arrow('js', name, `startWorker ${fileName(moduleUrl)}`);
    const endpoint = spawn({ name });
    const worker = watchWorker({ name, endpoint, tracer, sequencer, onUncaughtError });
    const handle = workerHandle({ name, endpoint, worker, tracer, sequencer });
    running.add(handle);
    worker.onTerminated = () => running.delete(handle);
    endpoint.postMessage(
      // A worker traces when its main thread does: the bench traces neither.
      {
        kind: 'init',
        moduleUrl: String(moduleUrl),
        name,
        data,
        tickets: sequencer.tickets,
        trace: tracer.recording,
        portPeers: handPortsTo(name, data),
      },
      transfer,
    );
    try {
      await worker.ready.promise;
    } catch (error) {
      await handle.terminate();
      throw error;
    }
    return handle;
  }

  return {
    startWorker,
    async terminateAll() {
      for (const handle of [...running]) await handle.terminate();
    },
  };
}

// Routes what one worker sends: its lines into the log, its messages into the
// inbox, and its failure to whoever can still hear it.
function watchWorker({ name, endpoint, tracer, sequencer, onUncaughtError }) {
  const worker = {
    ready: deferred(),
    result: deferred(),
    inbox: createInbox(),
    failed: false,
    terminated: false,
    onTerminated: () => {},
  };
  const failWith = (error) => {
    if (worker.failed || worker.terminated) return;
    worker.failed = true;
    const failure = new Error(`${name} failed: ${error?.message ?? error}`, { cause: error });
    worker.inbox.fail(failure);
    if (!worker.ready.settled) worker.ready.reject(failure); // startWorker() throws it
    else if (!worker.result.settled) worker.result.reject(failure); // unawaited: an unhandled rejection
    else onUncaughtError(failure); // after run() resolved: nobody can be waiting for it
  };
  const handlers = {
    line: (message) => sequencer.deliver(message.ticket, labelled(name, message.line)),
    live: (message) => tracer.forwardLive(message.event),
    ready: () => worker.ready.resolve(),
    message: (message) => worker.inbox.push(message.message),
    done: (message) => worker.result.resolve(message.value),
    failed: (message) => failWith(message.error),
  };
  endpoint.onMessage((message) => {
    const handler = Object.hasOwn(handlers, message?.kind) ? handlers[message.kind] : null;
    if (handler) handler(message);
    else failWith(new Error(`unknown message kind "${message?.kind}" from the worker`));
  });
  endpoint.onError(failWith);
  return worker;
}

function workerHandle({ name, endpoint, worker, tracer, sequencer }) {
  return {
    name,
    result: worker.result.promise,
    postMessage(message, transfer = []) {
      tracer.arrow('js', name, `postMessage(${showMessage(message)})`);
      endpoint.postMessage({ kind: 'message', message }, transfer);
    },
    receive: () => worker.inbox.next(),
    async terminate() {
      if (worker.terminated) return;
      await sequencer.drain(); // lines the worker already logged still print
      worker.terminated = true;
      tracer.arrow('js', name, 'terminate');
      worker.onTerminated();
      await endpoint.terminate();
    },
  };
}

// The last part of a module URL: the trace must not hold a machine's paths.
function fileName(moduleUrl) {
  return String(moduleUrl).split('/').pop();
}

function labelled(name, line) {
  if (line.startsWith(TRACE_PREFIX)) return line; // an event names its own lanes
  return line.startsWith(DETAIL_PREFIX)
    ? `${DETAIL_PREFIX}[${name}] ${line.slice(DETAIL_PREFIX.length)}`
    : `[${name}] ${line}`;
}
