// The event trace: what happened between JavaScript, wasm, timers and
// workers, recorded by the host's plumbing beside the log.
//
// Each event is one output line, `@trace {json}`, printed through the same
// `print` as the log lines, so it takes a ticket from the same counter and
// lands in the same logical order (see createLogSequencer in workers.mjs).
// The runner splits these lines off before it compares the log, and draws
// the events as a sequence diagram. An event is
//
//   { from: lane, to: lane | undefined, text, t, ...extra }
//
// `to` is absent for a note on one lane. `t` (ms since the epoch) is for the
// browser page's live timeline only: the runner ignores it, so drawings hold
// logical order and never timings. Lanes are named per thread: `main`,
// `wasm`, `timers` on the main thread; `<worker>`, `<worker> wasm`,
// `<worker> timers` in a worker.
//
// Live-only events go to `live`, never to `print`: each tick of host.ticker,
// and events whose order against another thread's or timer's depends on
// scheduling (overlapping sleeps, the moment Atomics.wait starts to block).
// A live event with `mark: 'note'` is drawn as a note, any other as a tick.

import { TRACE_PREFIX } from './wire.mjs';

/** Every trace line starts with this (defined in wire.json); the runner and the host page split on it. */
export { TRACE_PREFIX };

/** Events one thread records at most; then one note says the rest were dropped. */
export const MAX_TRACE_EVENTS = 300;

/** A tracer that records nothing, for a host created with `trace: false`. */
export function silentTracer(thread = 'main') {
  const ignore = () => {};
  return { thread, recording: false, lane: (role) => role, arrow: ignore, note: ignore, live: ignore, forwardLive: ignore };
}

/**
 * Creates the tracer of one thread.
 * @param {object} options
 * @param {(line: string) => void} options.print writes one output line (in log order)
 * @param {string} [options.thread] `main`, or the worker's name
 * @param {((event: object) => void) | null} [options.live] receives live-only events
 */
export function createTracer({ print, thread = 'main', live = null }) {
  let recorded = 0;
  const isMain = thread === 'main';
  const lanes = {
    js: thread,
    wasm: isMain ? 'wasm' : `${thread} wasm`,
    timers: isMain ? 'timers' : `${thread} timers`,
  };
  const lane = (role) => lanes[role] ?? role;
  const stamp = () => performance.timeOrigin + performance.now();

  function record(event) {
    if (recorded > MAX_TRACE_EVENTS) return;
    recorded += 1;
    const full =
      recorded > MAX_TRACE_EVENTS
        ? { from: lanes.js, text: `trace cut: more than ${MAX_TRACE_EVENTS} events`, t: stamp() }
        : { ...event, t: stamp() };
    print(TRACE_PREFIX + JSON.stringify(full));
  }

  return {
    thread,
    /** The lane of a role on this thread: 'js', 'wasm' or 'timers'; other names are lanes. */
    lane,
    /** An arrow from one role (or lane) to another. */
    arrow(from, to, text, extra = {}) {
      record({ from: lane(from), to: lane(to), text, ...extra });
    },
    /** A note on one role's lane. */
    note(on, text, extra = {}) {
      record({ from: lane(on), text, ...extra });
    },
    /** An event for the live view only: never printed, never drawn by the runner. */
    live(on, text, extra = {}) {
      live?.({ from: lane(on), text, ...extra, t: stamp(), live: true });
    },
    /** Passes on a live-only event that a worker recorded. */
    forwardLive(event) {
      live?.(event);
    },
  };
}

/** Parses a trace line; null for any other line. */
export function parseTraceLine(line) {
  if (!line.startsWith(TRACE_PREFIX)) return null;
  try {
    return JSON.parse(line.slice(TRACE_PREFIX.length));
  } catch {
    return null;
  }
}

/**
 * The arguments of a call across the boundary, as `…` when there are any:
 * wasm often passes timings and addresses, which would make drawings differ
 * run to run. The log states the values that matter.
 */
export function showArguments(args) {
  return args.length > 0 ? '…' : '';
}

/**
 * A short, run-independent rendering of a value crossing the boundary:
 * numbers and booleans as written, strings quoted, anything else by its type.
 */
export function showValue(value) {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 24 ? `${value.slice(0, 21)}...` : value);
  if (value === null || value === undefined) return String(value);
  return typeof value === 'function' ? 'a function' : 'an object';
}

// Functions the tracer must not wrap: wasm exports (a JS frame between two
// wasm frames changes what JSPI allows), builtins, bound functions, and
// functions that trace themselves (the asyncify driver's imports).
const SELF_TRACED = Symbol('workbook.selfTraced');

/**
 * Marks a function that records its own events, so `traceImports` leaves it
 * alone; `traceImports` writes the import's field name into `label.field`.
 */
export function markSelfTraced(fn, label = {}) {
  fn[SELF_TRACED] = label;
  return fn;
}

function wrappable(fn) {
  return (
    typeof fn === 'function' &&
    !fn[SELF_TRACED] &&
    !Function.prototype.toString.call(fn).includes('[native code]')
  );
}

/**
 * A copy of an imports object whose JavaScript functions record each call
 * (wasm → JS, with its arguments) and each return or throw (JS → wasm).
 * Return values are left out: they can be timings, which differ run to run.
 */
export function traceImports(tracer, imports) {
  const traced = {};
  for (const [moduleName, fields] of Object.entries(imports ?? {})) {
    if (fields === null || typeof fields !== 'object') {
      traced[moduleName] = fields;
      continue;
    }
    const copy = {};
    for (const [field, value] of Object.entries(fields)) {
      const label = suspendingLabels.get(value);
      if (label) label.name = field;
      if (typeof value === 'function' && value[SELF_TRACED]) value[SELF_TRACED].field = field;
      copy[field] = wrappable(value) ? tracedImport(tracer, field, value) : value;
    }
    traced[moduleName] = copy;
  }
  return traced;
}

function tracedImport(tracer, field, fn) {
  return function (...args) {
    tracer.arrow('wasm', 'js', `import ${field}(${showArguments(args)})`);
    let result;
    try {
      result = fn.apply(this, args);
    } catch (error) {
      tracer.arrow('js', 'wasm', `${field} threw ${error?.name ?? 'a value'}`);
      throw error;
    }
    tracer.arrow('js', 'wasm', `${field} returned`);
    return result;
  };
}

const exportNames = new WeakMap();

/** Labels of traced `WebAssembly.Suspending` imports: `traceImports` names each by its field. */
export const suspendingLabels = new WeakMap();

/** Remembers the export names of an instance's functions, for `exportNameOf`. */
export function nameExports(exports) {
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value === 'function' && !exportNames.has(value)) exportNames.set(value, name);
  }
}

/** The export name of a wasm function (its index when the host never saw its instance). */
export function exportNameOf(fn) {
  return exportNames.get(fn) ?? (/^\d+$/.test(fn?.name ?? '') ? `function #${fn.name}` : fn?.name || 'a function');
}

/** The wasm functions on the current stack, innermost first, as V8 names them. */
export function wasmFramesHere() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = String(new Error().stack ?? '');
  Error.stackTraceLimit = limit;
  const frames = [];
  for (const line of stack.split('\n')) {
    const match = /at (?:(\S+) )?\(?wasm:\/\/[^)]*?:wasm-function\[(\d+)\]/.exec(line);
    if (match) frames.push(match[1] && match[1] !== 'wasm-function' ? `${match[1]} (#${match[2]})` : `#${match[2]}`);
  }
  return frames;
}
