// The worker side of `host.startWorker` (see host/workers.mjs): runs inside a
// worker, waits for the `init` message, builds the worker's host, imports the
// worker module and calls its `run(host)`. Each environment's bootstrap
// (env/node/worker-bootstrap.mjs, env/browser/worker-bootstrap.mjs) calls
// `serveWorker` with an endpoint to the main thread and its environment.

import { createHost } from '../host/host.mjs';
import { createQuickJSAccess } from '../host/quickjs.mjs';
import { createInbox } from '../host/channel.mjs';
import { createUncaughtRouter } from '../host/uncaught.mjs';
import { traceBuiltins } from '../trace/builtins.mjs';
import { showMessage, tracePortsIn } from '../trace/ports.mjs';
import { createTracer, silentTracer } from '../trace/tracer.mjs';
import { takeTicket } from './log-order.mjs';

// ANCHOR: worker_host
/**
 * The worker's host has everything a harness host has (log, fact, detail,
 * now, sleep, ticker, compile, instantiate, asyncify, quickjs where the
 * environment can load it), plus:
 *   - `name`: the name given to `startWorker`;
 *   - `data`: the `data` given to `startWorker`, with its transferred objects;
 *   - `postMessage(message, transfer)`: to the main thread's `handle.receive()`;
 *   - `receive()`: a promise of the next message from `handle.postMessage()`.
 *
 * @param {object} options
 * @param {{postMessage(message, transfer): void, onMessage(callback): void}} options.endpoint
 *   the channel to the main thread
 * @param {object} options.env the worker's environment (see session.mjs), without `spawnWorker`
 */
// ANCHOR_END: worker_host
export function serveWorker({ endpoint, env }) {
  const inbox = createInbox();
  let started = false;
  endpoint.onMessage((message) => {
    if (message.kind === 'message') {
      inbox.push(message.message);
    } else if (message.kind === 'init' && !started) {
      started = true;
      runWorkerModule({ endpoint, env, inbox, init: message });
    }
  });
}

async function runWorkerModule({ endpoint, env, inbox, init }) {
  const { moduleUrl, name, data, tickets, trace, portPeers } = init;
  const send = (message, transfer = []) => endpoint.postMessage(message, transfer);
  const print = (line) => send({ kind: 'line', ticket: takeTicket(tickets), line });
  const live = (event) => send({ kind: 'live', event });
  const tracer = trace ? createTracer({ print, thread: name, live }) : silentTracer(name);
  if (trace) {
    traceBuiltins(globalThis, tracer); // this thread's own globals, for the worker's lifetime
    tracePortsIn(tracer, data, portPeers); // the ports the main thread handed this worker
  }
  const quickjs = createQuickJSAccess(env);
  const host = Object.assign(createHost({ env, print, tracer, uncaught: createUncaughtRouter(), quickjs }), {
    name,
    data,
    postMessage: (payload, transfer = []) => {
      tracer.arrow('js', 'main', `postMessage(${showMessage(payload)})`);
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
    quickjs.assertContextsDisposed();
    tracer.arrow('js', 'main', 'run(host) resolved');
    send({ kind: 'done', value });
  } catch (error) {
    tracer.arrow('js', 'main', 'run(host) threw');
    send({ kind: 'failed', error: { message: describe(error), stack: error?.stack } });
  }
}

function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
