// The event trace: what happened between JavaScript, wasm, timers and
// workers, recorded by the host's plumbing beside the log.
//
// Each event is one output line, `@trace {json}`, printed through the same
// `print` as the log lines, so it takes a ticket from the same counter and
// lands in the same logical order (see env/log-order.mjs). The runner
// splits these lines off before it compares the log, and draws the events as
// a sequence diagram. An event is
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
// A live event with `mark: 'note'` is drawn as a note; one marked `repeated`
// (a repetition the trace printed no more of) or `afterCut` (an event past
// the cut) like a printed one; any other as a tick.

import { TRACE_PREFIX } from '../wire.mjs';

/** Every trace line starts with this (defined in wire.json); the runner and the host page split on it. */
export { TRACE_PREFIX };

/** Events one thread records at most; then one note says the rest were dropped. */
export const MAX_TRACE_EVENTS = 300;

/**
 * Creates the tracer of one thread.
 * @param {object} options
 * @param {(line: string) => void} options.print writes one output line (in log order)
 * @param {string} [options.thread] `main`, or the worker's name
 * @param {((event: object) => void) | null} [options.live] receives live-only events
 */
export function createTracer({ print, thread = 'main', live = null }) {
  let recorded = 0;
  const lane = laneNamer(thread);
  const stamp = () => performance.timeOrigin + performance.now();
  const repeating = repetitionFilter();

  // Repetitions and the events after the cut still reach the live view,
  // which collapses runs itself: the cut never hides the end of a run.
  function record(event) {
    if (repeating(event)) {
      live?.({ ...event, t: stamp(), live: true, repeated: true });
      return;
    }
    if (recorded > MAX_TRACE_EVENTS) {
      live?.({ ...event, t: stamp(), live: true, afterCut: true });
      return;
    }
    recorded += 1;
    const full =
      recorded > MAX_TRACE_EVENTS
        ? { from: lane('js'), text: `trace cut: more than ${MAX_TRACE_EVENTS} events`, t: stamp(), cut: true }
        : { ...event, t: stamp() };
    print(TRACE_PREFIX + JSON.stringify(full));
    if (full.cut) live?.({ ...event, t: full.t, live: true, afterCut: true });
  }

  return {
    ...createNaming(),
    thread,
    recording: true,
    /** How many traced imports are running: a timer started inside one is wasm's. */
    importDepth: 0,
    /** Runs `start` (which starts the host's own timers) as if outside every import. */
    hostTimers(start) {
      const depth = this.importDepth;
      this.importDepth = 0;
      try {
        return start();
      } finally {
        this.importDepth = depth;
      }
    },
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

// A busy wait asks the clock as often as the machine lets it. Once an event,
// or a pair of events, has repeated twice back to back, further repetitions
// go to the live view only: the runner draws such a run once, "× many" (see
// runner/src/trace/collapse.rs), so the drawing never depends on speed.
function repetitionFilter() {
  const recent = []; // keys of the last four events, printed or not
  return function isRepetition(event) {
    const key = event.frames ? null : JSON.stringify([event.from, event.to, event.text]);
    const [a, b, c, d] = recent; // d is the latest
    const once = key !== null && key === d && key === c;
    const pair = key !== null && key !== d && key === c && key === a && d === b;
    recent.push(key);
    if (recent.length > 4) recent.shift();
    return once || pair;
  };
}

/** A tracer that records nothing, for a host created with `trace: false`. */
export function silentTracer(thread = 'main') {
  const ignore = () => {};
  return {
    ...createNaming(),
    thread,
    recording: false,
    importDepth: 0,
    hostTimers: (start) => start(),
    lane: laneNamer(thread),
    arrow: ignore,
    note: ignore,
    live: ignore,
    forwardLive: ignore,
  };
}

function laneNamer(thread) {
  const isMain = thread === 'main';
  const lanes = {
    js: thread,
    wasm: isMain ? 'wasm' : `${thread} wasm`,
    timers: isMain ? 'timers' : `${thread} timers`,
  };
  return (role) => lanes[role] ?? role;
}

// How one tracer names what crosses the boundary: the functions that trace
// themselves (the import's field name is learned when it is instantiated),
// and wasm exports, by the name their instance gave them.
function createNaming() {
  const selfTraced = new WeakMap();
  const exportNames = new WeakMap();
  const wasmFunctions = new WeakMap(); // traced wrapper -> the export it wraps
  return {
    /** Remembers that `wrapper` traces calls to the wasm function `wasmFunction`. */
    wrapped(wrapper, wasmFunction) {
      wasmFunctions.set(wrapper, wasmFunction);
    },
    /** The wasm function a traced wrapper calls; any other value as it is. */
    unwrap(value) {
      return (typeof value === 'function' && wasmFunctions.get(value)) || value;
    },
    /**
     * Marks `value` (a function or a `WebAssembly.Suspending`) as recording
     * its own events: `traceImports` leaves it unwrapped and writes the field
     * it is imported as into the returned label's `field`.
     */
    selfTraced(value) {
      const label = { field: undefined };
      selfTraced.set(value, label);
      return label;
    },
    /** The label `selfTraced` gave `value`, or undefined. */
    labelOf(value) {
      return selfTraced.get(value); // undefined for a primitive, too
    },
    /** Remembers the export names of an instance's functions, for `exportName`. */
    nameExports(exports) {
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value === 'function' && !exportNames.has(value)) exportNames.set(value, name);
      }
    },
    /** The export name of a wasm function (its index when the host never saw its instance). */
    exportName(fn) {
      const index = /^\d+$/.test(fn?.name ?? '') ? `function #${fn.name}` : null;
      const name = exportNames.get(fn) ?? exportNames.get(wasmFunctions.get(fn));
      return name ?? index ?? (fn?.name || 'a function');
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
