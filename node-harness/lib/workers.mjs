// The worker API: `host.startWorker()` on the main thread, and the host that a
// worker module receives. Only web-standard JavaScript lives here; each
// environment supplies two small adapters:
//   - on the main thread, `spawn({ name })`: start a worker running the
//     environment's bootstrap, and return an endpoint (see `attachWorkers`);
//   - inside the worker, the bootstrap calls `serveWorker()` with an endpoint
//     to its parent and a `loadWasm`.
// Node does this with worker_threads (node-workers.mjs and
// node-worker-bootstrap.mjs); a browser does it with module Web Workers
// (`new Worker(bootstrapUrl, { type: 'module', name })`).
//
// Messages between the main thread and one worker, all plain objects:
//
//   main thread                                 worker bootstrap
//   { kind: 'init', moduleUrl, name, data, tickets }
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
// Log order. Every line, printed by any thread, first takes a ticket from one
// counter in a SharedArrayBuffer (Atomics.add); the main thread prints lines
// in ticket order, holding back any line whose predecessors are still in
// flight. So a line logged *before* a thread posts a message always prints
// before the lines its receiver logs in response. Rule for chapter authors:
// log first, then post or notify. Where SharedArrayBuffer is missing (a page
// that is not cross-origin isolated), lines print in order of arrival.

import { createHost, DETAIL_PREFIX } from './host.mjs';
import { TRACE_PREFIX } from './trace.mjs';

/** How long `drain` waits for lines that other threads have logged but not yet delivered. */
const DRAIN_TIMEOUT_MS = 1000;

/**
 * Prints lines from every thread in the order they were logged.
 * @param {(line: string) => void} print writes one output line
 */
export function createLogSequencer(print) {
  const tickets =
    typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;
  let localTickets = 0;
  let nextToPrint = 0;
  const held = new Map();
  let progressed = () => {};

  const take = () => (tickets ? Atomics.add(tickets, 0, 1) : localTickets++);
  const issued = () => (tickets ? Atomics.load(tickets, 0) : localTickets);

  function deliver(ticket, line) {
    held.set(ticket ?? take(), line);
    while (held.has(nextToPrint)) {
      print(held.get(nextToPrint));
      held.delete(nextToPrint);
      nextToPrint += 1;
    }
    progressed();
  }

  function flush() {
    for (const ticket of [...held.keys()].sort((a, b) => a - b)) {
      print(held.get(ticket));
      nextToPrint = ticket + 1;
    }
    held.clear();
  }

  return {
    /** The shared ticket counter, passed to workers (null without SharedArrayBuffer). */
    tickets,
    /** Logs one line from this (the main) thread. */
    print(line) {
      deliver(take(), line);
    },
    /** Accepts a line from a worker; `ticket` is null when the worker had no counter. */
    deliver,
    /** Waits (briefly) until every ticket issued so far has printed, then prints the rest. */
    async drain() {
      const deadline = performance.now() + DRAIN_TIMEOUT_MS;
      while (nextToPrint < issued() && performance.now() < deadline) {
        await new Promise((resolve) => {
          progressed = resolve;
          setTimeout(resolve, 10);
        });
      }
      progressed = () => {};
      flush();
    },
    /** Prints every held line at once, in ticket order; for a run that is failing. */
    flush,
  };
}

// ANCHOR: start_worker
/**
 * Adds `host.startWorker(moduleUrl, { name, data, transfer })` to a main-thread host.
 *
 * `spawn({ name })` returns an endpoint:
 *   { postMessage(message, transfer), onMessage(callback(message)),
 *     onError(callback(error)), terminate(): Promise|undefined }
 *
 * `startWorker` resolves, once the worker module has loaded and its
 * `run(host)` has started, to a handle:
 *   - `name`;
 *   - `result`: a promise of `run(host)`'s return value, rejected when the worker fails;
 *   - `postMessage(message, transfer)`: delivered to the worker's `host.receive()`;
 *   - `receive()`: a promise of the next message from the worker's `host.postMessage()`;
 *   - `terminate()`: waits for the worker's log lines, then stops it.
 *
 * Returns `terminateAll()`, for the environment to call when the harness ends.
 */
// ANCHOR_END: start_worker
export function attachWorkers(host, { spawn, sequencer, onUncaughtError }) {
  const live = new Set();

  host.startWorker = async (moduleUrl, { name = 'worker', data = null, transfer = [] } = {}) => {
    const { tracer } = host;
    tracer.arrow('js', name, `startWorker ${fileName(moduleUrl)}`);
    const endpoint = spawn({ name });
    const ready = deferred();
    const result = deferred();
    const inbox = createInbox();
    let failed = false;
    let terminated = false;

    const failWith = (error) => {
      if (failed || terminated) return;
      failed = true;
      const failure = new Error(`${name} failed: ${error?.message ?? error}`, { cause: error });
      inbox.fail(failure);
      if (!ready.settled) {
        ready.reject(failure); // startWorker() throws it
      } else if (!result.settled) {
        result.reject(failure); // unawaited, it fails the run as an unhandled rejection
      } else {
        onUncaughtError(failure); // after run() resolved: nobody can be waiting for it
      }
    };

    endpoint.onMessage((message) => {
      switch (message.kind) {
        case 'line':
          sequencer.deliver(message.ticket, labelled(name, message.line));
          break;
        case 'live':
          tracer.forwardLive(message.event);
          break;
        case 'ready':
          ready.resolve();
          break;
        case 'message':
          inbox.push(message.message);
          break;
        case 'done':
          result.resolve(message.value);
          break;
        case 'failed':
          failWith(message.error);
          break;
        default:
          failWith(new Error(`unknown message kind "${message.kind}" from the worker`));
      }
    });
    endpoint.onError(failWith);

    const handle = {
      name,
      result: result.promise,
      postMessage(message, messageTransfer = []) {
        tracer.arrow('js', name, 'postMessage');
        endpoint.postMessage({ kind: 'message', message }, messageTransfer);
      },
      receive: () => inbox.next(),
      async terminate() {
        if (terminated) return;
        await sequencer.drain(); // lines the worker already logged still print
        terminated = true;
        tracer.arrow('js', name, 'terminate');
        live.delete(handle);
        await endpoint.terminate();
      },
    };
    live.add(handle);
    endpoint.postMessage(
      { kind: 'init', moduleUrl: String(moduleUrl), name, data, tickets: sequencer.tickets },
      transfer,
    );
    try {
      await ready.promise;
    } catch (error) {
      await handle.terminate();
      throw error;
    }
    return handle;
  };

  return {
    async terminateAll() {
      for (const handle of [...live]) await handle.terminate();
    },
  };
}

// ANCHOR: worker_host
/**
 * Runs inside a worker: waits for the `init` message, builds the worker's
 * host, imports the worker module and calls its `run(host)`.
 *
 * The worker's host has everything a harness host has (log, fact, detail,
 * now, sleep, compile, instantiate, ticker), plus:
 *   - `name`: the name given to `startWorker`;
 *   - `data`: the `data` given to `startWorker`, with its transferred objects;
 *   - `postMessage(message, transfer)`: to the main thread's `handle.receive()`;
 *   - `receive()`: a promise of the next message from `handle.postMessage()`.
 *
 * @param {object} env
 * @param {{postMessage(message, transfer): void, onMessage(callback): void}} env.endpoint
 *   the channel to the main thread
 * @param {(name: string) => Promise<BufferSource>} env.loadWasm bytes of `<name>.wasm`
 * @param {{name: string, version: string}} env.engine what is running the worker
 */
// ANCHOR_END: worker_host
export function serveWorker({ endpoint, loadWasm, engine }) {
  const inbox = createInbox();
  let started = false;
  endpoint.onMessage((message) => {
    if (message.kind === 'message') {
      inbox.push(message.message);
    } else if (message.kind === 'init' && !started) {
      started = true;
      startModule(message);
    }
  });

  async function startModule({ moduleUrl, name, data, tickets }) {
    const send = (message, transfer = []) => endpoint.postMessage(message, transfer);
    const print = (line) =>
      send({ kind: 'line', ticket: tickets ? Atomics.add(tickets, 0, 1) : null, line });
    const live = (event) => send({ kind: 'live', event });
    const workerHost = createHost({ loadWasm, print, engine, thread: name, live });
    const { tracer } = workerHost;
    const host = Object.assign(workerHost, {
      name,
      data,
      postMessage: (payload, transfer = []) => {
        tracer.arrow('js', 'main', 'postMessage');
        send({ kind: 'message', message: payload }, transfer);
      },
      receive: () => inbox.next(),
    });
    try {
      const module = await import(moduleUrl);
      if (typeof module.run !== 'function') {
        throw new Error(`${moduleUrl} must export \`async function run(host)\``);
      }
      tracer.arrow('js', 'main', 'ready: run(host) starts');
      send({ kind: 'ready' });
      const value = await module.run(host);
      tracer.arrow('js', 'main', 'run(host) resolved');
      send({ kind: 'done', value });
    } catch (error) {
      tracer.arrow('js', 'main', 'run(host) threw');
      send({ kind: 'failed', error: { message: describe(error), stack: error?.stack } });
    }
  }
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

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function deferred() {
  const box = { settled: false };
  box.promise = new Promise((resolve, reject) => {
    box.resolve = (value) => {
      box.settled = true;
      resolve(value);
    };
    box.reject = (error) => {
      box.settled = true;
      reject(error);
    };
  });
  return box;
}

function createInbox() {
  const queued = [];
  const readers = [];
  let failure = null;
  return {
    push(message) {
      if (readers.length > 0) readers.shift().resolve(message);
      else queued.push(message);
    },
    fail(error) {
      failure = error;
      for (const reader of readers.splice(0)) reader.reject(error);
    },
    next() {
      if (queued.length > 0) return Promise.resolve(queued.shift());
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => readers.push({ resolve, reject }));
    },
  };
}
