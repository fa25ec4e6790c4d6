// Tracing of the messages a harness sends between threads over a
// MessagePort (the atomics chapter's request from worker A to worker B).
// Each thread sees only its own side, so the sender records what it posted
// (`sent`) and the receiver what arrived (`received`), both labelled by the
// message's shape; the runner pairs them into one arrow between the threads
// (runner/src/trace/messages.rs).
//
// Only the ports a harness holds are traced, one port at a time: those of a
// MessageChannel it creates, and those it is handed in a worker's `data`.
// Wrapping MessagePort.prototype instead would also trace the host's own
// channel to the main thread, which carries the trace itself.

import { showValue } from './show.mjs';

/** How many of a message's keys its label names. */
const KEYS_SHOWN = 4;

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

/** Makes `port` record each message it posts and each one its `onmessage` receives. */
export function tracePort(tracer, port) {
  const proto = Object.getPrototypeOf(port);
  const post = proto?.postMessage;
  const handler = findAccessor(proto, 'onmessage');
  if (typeof post !== 'function' || !handler || Object.hasOwn(port, 'postMessage')) return port;
  Object.defineProperty(port, 'postMessage', {
    configurable: true,
    writable: true,
    value: function postMessage(message) {
      const label = showMessage(message);
      tracer.note('js', `port.postMessage(${label})`, { sent: label });
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

/** Traces every MessagePort among the own values of `data` (a worker's `host.data`). */
export function tracePortsIn(tracer, data) {
  if (data === null || typeof data !== 'object') return;
  for (const value of Object.values(data)) {
    if (isPort(value)) tracePort(tracer, value);
  }
}

/** A MessageChannel constructor whose two ports are traced (see `tracePort`). */
export function tracedMessageChannel(tracer, RealChannel) {
  function MessageChannel() {
    if (!new.target) return RealChannel(); // throws, as the original does without `new`
    const channel = new RealChannel();
    tracePort(tracer, channel.port1);
    tracePort(tracer, channel.port2);
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
