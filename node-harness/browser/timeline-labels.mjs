// The labels of the live timeline's marks (timeline.mjs): each lane has two
// rows of labels under its marks; a label goes in the first row where it
// overlaps no other, and is elided (its mark keeps the words on hover) when
// neither row has room. Labels are set in a monospace font, so a label's
// width follows from its length: no layout is measured.

const ROWS = 2;
/** The width of one character of the labels' font (host.css: 11px monospace). */
const CHAR_PX = 6.7;
const GAP_PX = 6;
/** Longer labels end in "…". */
const MAX_CHARS = 34;

/** Returns `{ add, relabel, remove, layout }` for the labels of tracks `trackWidthPx` wide. */
export function createLabeller(trackWidthPx) {
  const labels = []; // { lane, element, t }
  let scale = 1;

  function layoutLane(lane) {
    const rows = Array(ROWS).fill(-Infinity); // each row's right edge so far
    const inLane = labels.filter((label) => label.lane === lane).sort((a, b) => a.t - b.t);
    for (const { element, t } of inLane) {
      const width = element.textContent.length * CHAR_PX;
      const left = Math.max(0, Math.min(t * scale, trackWidthPx - width)); // ends at the track's end
      const row = rows.findIndex((right) => right <= left);
      element.hidden = row < 0;
      element.dataset.elided = String(row < 0);
      if (row < 0) continue;
      element.style.left = `${left.toFixed(1)}px`;
      element.dataset.row = String(row);
      rows[row] = left + width + GAP_PX;
    }
  }

  return {
    /** Labels `mark` (on `lane`, at `t` ms) with `text`; returns the label. */
    add(lane, mark, t, text) {
      const element = document.createElement('span');
      element.className = 'label';
      element.textContent = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
      element.title = text;
      element.dataset.lane = lane;
      mark.parentElement.append(element);
      labels.push({ lane, element, t });
      layoutLane(lane);
      return element;
    },
    /** Gives a label new words. */
    relabel(element, text) {
      const label = labels.find((candidate) => candidate.element === element);
      element.textContent = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
      element.title = text;
      if (label) layoutLane(label.lane);
    },
    /** Forgets a label (any other element is ignored). */
    remove(element) {
      const at = labels.findIndex((label) => label.element === element);
      if (at < 0) return;
      const [{ lane }] = labels.splice(at, 1);
      element.remove();
      layoutLane(lane);
    },
    /** Lays every label out again at `newScale` pixels per millisecond. */
    layout(newScale) {
      scale = newScale;
      for (const lane of new Set(labels.map((label) => label.lane))) layoutLane(lane);
    },
  };
}
