// The live timeline of the browser host page and the playground: while a
// variant runs, one lane per thread, wasm and timer queue, with a mark for
// each traced event at its real time (the trace's `t`, see
// lib/trace/tracer.mjs), a legend, a millisecond axis and labels. Runs of
// repeated events are collapsed by the drawings' rule (lib/trace/collapse.mjs)
// into one group mark with its count, so a busy wait is shown whole.
// Live-only ticks of host.ticker are drawn one by one: they show when a
// thread's event loop was free. Tests read data attributes, never pixels:
//   .lane[data-lane]                                 one per lane, in order of first event
//   .mark[data-lane][data-kind][data-t]              kind: 'arrow' | 'arrival' | 'note' | 'tick' | 'group'
//   .mark.group[data-count][data-end]                a run, its count and its last event's time
//   .span[data-lane][data-kind][data-t][data-end]    kind: 'blocked' | 'suspended' | 'unwound'
//   .legend-item[data-kind], .axis-tick[data-ms], .timeline-note[data-note]
// Times are milliseconds since the first event, rounded to 0.1 ms.

import { createCollapser } from '../lib/trace/collapse.mjs';
import { buildFrame, drawAxis, showNote, spanChange } from './timeline-frame.mjs';
import { createGroupDrawer } from './timeline-groups.mjs';
import { createLabeller } from './timeline-labels.mjs';

/** Pixels per millisecond at the start; the scale shrinks as the run grows. */
const PIXELS_PER_MS = 4;
const TRACK_WIDTH_PX = 760;
/** Ticks drawn at most, so a long run cannot flood the page. */
const MAX_TICKS = 4000;
/** Groups drawn at most (a page may ask for fewer: `?max-marks=N`). */
const MAX_GROUPS = 2000;

/**
 * Draws into `container` (emptied first) and returns `{ add(event), finish() }`.
 * @param {HTMLElement} container
 * @param {{ chapter?: string, maxGroups?: number }} [options]
 */
export function createTimeline(container, { chapter, maxGroups = MAX_GROUPS } = {}) {
  container.replaceChildren();
  container.hidden = false;
  const frame = buildFrame(container, chapter);
  const view = createTrackView(frame);
  const collapser = createCollapser();
  const groups = createGroupDrawer(view, frame.notes, maxGroups);
  const spans = spanTracker(view);
  let origin = null;
  let ticks = 0;

  function tick(event, t) {
    if (ticks >= MAX_TICKS) {
      showNote(frame.notes, 'ticks-cut', `Cut: only the first ${MAX_TICKS} ticks are drawn.`);
      return;
    }
    ticks += 1;
    view.mark(event.from, 'tick', t, `${t.toFixed(1)} ms: ${event.text}`);
  }

  return {
    /** Draws one trace event (live-only ones included). */
    add(event) {
      if (typeof event?.t !== 'number' || typeof event.from !== 'string') return;
      origin ??= event.t;
      const t = Math.max(0, event.t - origin);
      view.fit(t);
      spans.see(event, t);
      if (event.live && !event.repeated && !event.afterCut && event.mark !== 'note') {
        tick(event, t);
      } else if (event.cut) {
        const what = event.text.replace(/^trace cut: /, '');
        showNote(frame.notes, 'trace-cut', `Cut: the printed trace of ${event.from} stopped after ${what}, and so does the runner's drawing of it; this timeline draws every event.`);
      } else {
        const settledBefore = collapser.settledCount();
        collapser.push({ ...event, t });
        groups.redraw(collapser.groups(), settledBefore);
      }
    },
    /** The run is over: the last open run and undecided events are drawn as settled. */
    finish() {
      const settledBefore = collapser.settledCount();
      collapser.finish();
      groups.redraw(collapser.groups(), settledBefore);
    },
  };
}

// The lanes' tracks, the scale, and everything placed on them by time.
function createTrackView(frame) {
  const track = laneTracks(frame.lanes);
  const labels = createLabeller(TRACK_WIDTH_PX);
  const placed = new Map(); // element -> { t, end? }
  let scale = PIXELS_PER_MS;

  function place(element, { t, end }) {
    element.style.left = `${(t * scale).toFixed(1)}px`;
    if (end !== undefined) element.style.width = `${Math.max(3, (end - t) * scale).toFixed(1)}px`;
  }

  function relayout() {
    for (const [element, at] of placed) place(element, at);
    labels.layout(scale);
    drawAxis(frame.axisTrack, TRACK_WIDTH_PX, scale);
  }
  relayout();

  return {
    track,
    labels,
    /** A mark of `kind` on `lane` at `t` ms (a bar to `end`, if given). */
    mark(lane, kind, t, title, end, className = 'mark') {
      const element = document.createElement('span');
      element.className = `${className} ${kind}`;
      Object.assign(element.dataset, { lane, kind, t: t.toFixed(1) });
      element.title = title;
      track(lane)[className === 'span' ? 'prepend' : 'append'](element);
      placed.set(element, { t });
      if (end !== undefined) this.stretch(element, end);
      else place(element, { t });
      return element;
    },
    /** Moves the end of a bar. */
    stretch(element, end) {
      const at = placed.get(element);
      at.end = end;
      element.dataset.end = end.toFixed(1);
      place(element, at);
    },
    forget(element) {
      placed.delete(element);
      labels.remove(element);
      element.remove();
    },
    // Keeps the whole run in view: when a mark would fall off the track, halve the scale.
    fit(t) {
      if (t * scale <= TRACK_WIDTH_PX) return;
      while (t * scale > TRACK_WIDTH_PX) scale /= 2;
      relayout();
    },
  };
}

// The blocked, suspended and unwound spans: each grows with the run until its end.
function spanTracker(view) {
  const open = []; // { kinds, lane, element }
  return {
    see(event, t) {
      for (const span of open) view.stretch(span.element, t);
      const change = spanChange(event);
      if (change?.starts) {
        const element = view.mark(change.lane, change.starts, t, `${change.starts} from ${t.toFixed(1)} ms`, t, 'span');
        open.push({ kinds: change.starts, lane: change.lane, element });
      } else if (change?.ends) {
        const at = open.findLastIndex((span) => span.lane === change.lane && change.ends.includes(span.kinds));
        if (at >= 0) open.splice(at, 1);
      }
    },
  };
}

// The track of each lane, made (and appended to `container`) when first asked for.
function laneTracks(container) {
  const lanes = new Map(); // lane name -> track element
  return (name) => {
    let found = lanes.get(name);
    if (!found) {
      const lane = document.createElement('div');
      lane.className = 'lane';
      lane.dataset.lane = name;
      const label = Object.assign(document.createElement('span'), { className: 'lane-name', textContent: name });
      found = document.createElement('div');
      found.className = 'track';
      lane.append(label, found);
      container.append(lane);
      lanes.set(name, found);
    }
    return found;
  };
}
