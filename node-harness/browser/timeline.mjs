// The live timeline of the browser host page: while a variant runs, one lane
// per thread, wasm and timer queue, with a mark for each traced event at its
// real time (the trace's `t`, see lib/trace/tracer.mjs), including the
// repetitions the printed trace leaves out. Live-only events, such as
// each tick of host.ticker, are drawn too: they show when a thread's event
// loop was free. Tests read the marks' data attributes, never pixels:
//   .lane[data-lane]                       one per lane, in order of first event
//   .mark[data-lane][data-kind][data-t]    kind: 'arrow' | 'arrival' | 'note' | 'tick'
// `data-t` is milliseconds since the first event, rounded to 0.1 ms.

/** Pixels per millisecond at the start; the scale shrinks as the run grows. */
const PIXELS_PER_MS = 4;
const TRACK_WIDTH_PX = 760;
/** Ticks drawn at most, so a long run cannot flood the page. */
const MAX_TICKS = 4000;

/**
 * Draws into `container` (emptied first) and returns `{ add(event) }`.
 * @param {HTMLElement} container
 */
export function createTimeline(container) {
  container.replaceChildren();
  container.hidden = false;
  const track = laneTracks(container);
  const marks = []; // { element, t }
  let origin = null;
  let ticks = 0;
  let scale = PIXELS_PER_MS;

  function place(element, t) {
    element.style.left = `${(t * scale).toFixed(1)}px`;
  }

  // Keeps the whole run in view: when a mark would fall off the track, halve the scale.
  function fit(t) {
    if (t * scale <= TRACK_WIDTH_PX) return;
    while (t * scale > TRACK_WIDTH_PX) scale /= 2;
    for (const mark of marks) place(mark.element, mark.t);
  }

  function mark(lane, kind, t, text) {
    const element = document.createElement('span');
    element.className = `mark ${kind}`;
    element.dataset.lane = lane;
    element.dataset.kind = kind;
    element.dataset.t = t.toFixed(1);
    element.title = `${t.toFixed(1)} ms: ${text}`;
    track(lane).append(element);
    marks.push({ element, t });
    place(element, t);
  }

  return {
    /** Draws one trace event (live-only ones included). */
    add(event) {
      if (typeof event?.t !== 'number' || typeof event.from !== 'string') return;
      origin ??= event.t;
      const t = Math.max(0, event.t - origin);
      fit(t);
      // A repetition the trace printed no more of (tracer.mjs) is drawn
      // like the events it repeats: the page shows a busy wait whole.
      if (event.live && !event.repeated && event.mark !== 'note') {
        if (ticks >= MAX_TICKS) return;
        ticks += 1;
        mark(event.from, 'tick', t, event.text);
      } else if (event.to) {
        mark(event.from, 'arrow', t, `${event.text} → ${event.to}`);
        mark(event.to, 'arrival', t, event.text);
      } else {
        mark(event.from, 'note', t, event.text);
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
      const label = document.createElement('span');
      label.className = 'lane-name';
      label.textContent = name;
      found = document.createElement('div');
      found.className = 'track';
      lane.append(label, found);
      container.append(lane);
      lanes.set(name, found);
    }
    return found;
  };
}
