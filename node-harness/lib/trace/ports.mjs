// Tracing of the messages a harness sends between threads over a
// MessagePort (the atomics chapter's request from worker A to worker B).
//
// A message is drawn as one arrow from the thread that posts it to the thread
// that holds the port's other end. The main thread knows who that is: it
// made the channel and handed its ends to workers (`startWorker`'s `data`),
// and it tells each worker the holder of the other end of each port it gets.
// The arrow is recorded when the message is posted, so the drawing never
// depends on when the receiver gets it. Where the holder is not known (an end
// handed on before its other end), the sender records what it posted
// (`sent`) and the receiver what arrived (`received`), and the runner pairs
// them (runner/src/trace/messages.rs).
//
// Only the ports a harness holds are traced, one port at a time: those of a
// MessageChannel it creates, and those it is handed in a worker's `data`.
// Wrapping MessagePort.prototype instead would also trace the host's own
// channel to the main thread, which carries the trace itself.

import { showValue } from './show.mjs';

/** How many of a message's keys its label names. */
const KEYS_SHOWN = 4;

/** On the main thread: each end of a traced channel -> its other end. */
const otherEnds = new WeakMap();
/** On the main thread: each end handed to a worker -> that worker's name. */
const holders = new WeakMap();

/**
 * A short label for a message that is the same on every run: a plain
 * object by its keys (`{durationMs, cell}`), anything else as `showValue`.
 */
export function showMessage(message) {
  if (message === null || typeof message !== 'object') return showValue(message);
  if (Array.isArray(message)) return `[${message.length} items]`;
  const keys = Object.keys(message);
  const shown = keys.slice(0, KEYS_SHOWN).join(', ');
  return keys.length > KEYS_SHOWN ? `{${shown}, …}` : `{${shown}}`;
}

/**
 * Makes `port` record each message it posts (an arrow to `peer()`, the
 * thread holding the other end, when it is known) and each one its
 * `onmessage` receives.
 */
export function tracePort(tracer, port, peer = () => undefined) {
  const proto = Object.getPrototypeOf(port);
  const post = proto?.postMessage;
  const handler = findAccessor(proto, 'onmessage');
  if (typeof post !== 'function' || !handler || Object.hasOwn(port, 'postMessage')) return port;
  Object.defineProperty(port, 'postMessage', {
    configurable: true,
    writable: true,
    value: function postMessage(message) {
      const label = showMessage(message);
      const to = peer();
      if (to) tracer.arrow('js', to, `port message ${label} to ${to}`);
      else tracer.note('js', `port.postMessage(${label})`, { sent: label });
      return Reflect.apply(post, this, arguments);
    },
  });
  Object.defineProperty(port, 'onmessage', {
    configurable: true,
    get() {
      return Reflect.apply(handler.get, this, []);
    },
    set(listener) {
      const traced =
        typeof listener === 'function'
          ? function (event) {
              const label = showMessage(event?.data);
              tracer.note('js', `port.onmessage(${label})`, { received: label });
              return Reflect.apply(listener, this, arguments);
            }
          : listener;
      Reflect.apply(handler.set, this, [traced]);
    },
  });
  return port;
}

/**
 * Traces every MessagePort among the own values of `data` (a worker's
 * `host.data`); `peers` names, by key, the thread holding each one's other end.
 */
export function tracePortsIn(tracer, data, peers = {}) {
  if (data === null || typeof data !== 'object') return;
  for (const [key, value] of Object.entries(data)) {
    const peer = Object.hasOwn(peers ?? {}, key) ? peers[key] : undefined;
    if (isPort(value)) tracePort(tracer, value, () => peer);
  }
}

/**
 * On the main thread, as `startWorker` hands `data` to the worker `name`:
 * remembers that worker holds each port in it, and returns, by key, the
 * thread holding each one's other end, where a worker already holds it.
 */
export function handPortsTo(name, data) {
  const peers = {};
  if (data === null || typeof data !== 'object') return peers;
  for (const [key, value] of Object.entries(data)) {
    if (!isPort(value)) continue;
    holders.set(value, name);
    const peer = holders.get(otherEnds.get(value));
    if (peer) peers[key] = peer;
  }
  return peers;
}

/** A MessageChannel constructor whose two ports are traced (see `tracePort`). */
export function tracedMessageChannel(tracer, RealChannel) {
  function MessageChannel() {
    if (!new.target) return RealChannel(); // throws, as the original does without `new`
    const channel = new RealChannel();
    const { port1, port2 } = channel;
    otherEnds.set(port1, port2);
    otherEnds.set(port2, port1);
    tracePort(tracer, port1, () => holders.get(port2));
    tracePort(tracer, port2, () => holders.get(port1));
    return channel;
  }
  MessageChannel.prototype = RealChannel.prototype;
  return MessageChannel;
}

function isPort(value) {
  const Port = globalThis.MessagePort;
  return typeof Port === 'function' && value instanceof Port;
}

function findAccessor(proto, name) {
  for (let object = proto; object; object = Object.getPrototypeOf(object)) {
    const descriptor = Object.getOwnPropertyDescriptor(object, name);
    if (descriptor) return descriptor.get && descriptor.set ? descriptor : null;
  }
  return null;
}
