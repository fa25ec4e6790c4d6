// The parts of the live timeline around its lanes (see timeline.mjs): the
// heading with the link back to the chapter, the notes that say what was
// cut, the legend, the millisecond axis, and the spans a thread spends
// blocked, suspended or unwound.

/** The kinds the legend explains, in its order, each with its words. */
export const LEGEND = [
  ['lane', 'a lane: one per thread (main, a worker), its wasm and its timer queue'],
  ['arrow', 'a call or a message leaves this lane'],
  ['arrival', 'it arrives in this lane'],
  ['note', 'an event on one lane'],
  ['group', 'one event or a call and its return, repeated back to back: drawn once, × how many times'],
  ['tick', "a tick of host.ticker: the thread's event loop was free"],
  ['blocked', 'the thread is blocked in Atomics.wait'],
  ['suspended', 'the wasm stack is suspended (JSPI)'],
  ['unwound', 'the wasm stack is unwound (Asyncify)'],
];

/** Builds the heading, notes, legend, lanes box and axis into `container`. */
export function buildFrame(container, chapter) {
  const make = (tag, className, text) => Object.assign(document.createElement(tag), { className, textContent: text ?? '' });
  const head = make('p', 'timeline-head', 'Live timeline: each lane is drawn at the real time of its events. ');
  if (chapter) {
    const link = make('a', 'chapter-link', `The ${chapter} chapter in the book`);
    link.href = `../book/chapters/${encodeURIComponent(chapter)}.html`;
    head.append(link);
  }
  const notes = make('div', 'timeline-notes');
  const lanes = make('div', 'lanes');
  const axis = make('div', 'axis');
  axis.append(make('span', 'lane-name', 'ms'), make('div', 'axis-track'));
  container.append(head, notes, legend(make), lanes, axis);
  return { notes, lanes, axisTrack: axis.lastChild };
}

function legend(make) {
  const list = make('ul', 'legend');
  list.setAttribute('aria-label', 'legend');
  for (const [kind, words] of LEGEND) {
    const item = make('li', 'legend-item');
    item.dataset.kind = kind;
    item.append(make('span', `swatch swatch-${kind}`), make('span', 'legend-words', words));
    list.append(item);
  }
  return list;
}

/** Shows a note once per `kind`, in words a reader sees without hovering. */
export function showNote(notes, kind, text) {
  if (notes.querySelector(`[data-note="${kind}"]`)) return;
  const note = Object.assign(document.createElement('p'), { className: 'timeline-note', textContent: text });
  note.dataset.note = kind;
  notes.append(note);
}

/** Draws the axis under a track `widthPx` wide at `scale` pixels per millisecond. */
export function drawAxis(axisTrack, widthPx, scale) {
  const step = tickStep(widthPx / scale);
  const ticks = [];
  for (let ms = 0; ms * scale <= widthPx; ms += step) {
    const tick = Object.assign(document.createElement('span'), { className: 'axis-tick', textContent: `${ms}` });
    tick.dataset.ms = String(ms);
    tick.style.left = `${(ms * scale).toFixed(1)}px`;
    ticks.push(tick);
  }
  axisTrack.replaceChildren(...ticks);
}

// A step of 1, 2 or 5 times a power of ten that puts 5 to 10 ticks on `spanMs`.
function tickStep(spanMs) {
  const rough = spanMs / 8;
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 0.1)));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough) ?? 10 * power;
}

/** The span an event starts or ends, by the words the tracer uses for it. */
export function spanChange(event) {
  const text = event.text ?? '';
  if (/^Atomics\.wait on .*: blocks this thread$/.test(text)) return { starts: 'blocked', lane: event.from };
  if (/^Atomics\.wait on .* (is over|timed out)/.test(text)) return { ends: 'blocked', lane: event.from };
  const wasm = wasmLaneOf(event.from);
  if (text.startsWith('suspended') || text.includes('suspends, resumes')) return { starts: 'suspended', lane: wasm };
  if (text.startsWith('unwound:') || text.startsWith('call asyncify_stop_unwind')) return { starts: 'unwound', lane: wasm };
  const resumes = ['resumed', 'thrown into wasm', 'to rewind'].some((words) => text.includes(words));
  if (resumes || text.startsWith('call asyncify_start_rewind')) return { ends: 'suspended unwound', lane: wasm };
  return null;
}

// The wasm lane of the thread a lane belongs to (lanes are named per thread: tracer.mjs).
function wasmLaneOf(lane) {
  const thread = lane.replace(/ (wasm|timers)$/, '');
  return thread === 'main' || thread === 'wasm' || thread === 'timers' ? 'wasm' : `${thread} wasm`;
}
