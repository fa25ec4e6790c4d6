// How the live timeline (timeline.mjs) draws the collapser's groups: an
// event that did not repeat as an arrow (and its arrival) or a note; a run
// as one group mark on each lane it touches, labelled with its count. Only
// the groups the latest event may have changed are drawn again, and a run
// that grows is updated in place.
import { showNote } from './timeline-frame.mjs';

/**
 * @param {object} view `{ mark, forget, labels }` of the timeline
 * @param {HTMLElement} notes where the cut note goes
 * @param {number} maxGroups groups drawn at most
 */
export function createGroupDrawer(view, notes, maxGroups) {
  const drawn = []; // per group index: { first, size, times, end, elements, label }

  function draw(group) {
    const [first] = group.events;
    const at = `${group.t.toFixed(1)} ms: ${first.text}`;
    if (group.times === 1) {
      const kind = first.to ? 'arrow' : 'note';
      const element = view.mark(first.from, kind, group.t, first.to ? `${at} → ${first.to}` : at);
      const elements = [element];
      if (first.to) elements.push(view.mark(first.to, 'arrival', group.t, at));
      return { elements, label: view.labels.add(first.from, element, group.t, first.text) };
    }
    const lanes = [...new Set(group.events.flatMap((event) => [event.from, event.to].filter(Boolean)))];
    const elements = lanes.map((lane) => view.mark(lane, 'group', group.t, '', group.end));
    const label = view.labels.add(first.from, elements[0], group.t, '');
    update({ elements, label }, group);
    return { elements, label };
  }

  // Writes a run's count and end into its marks and label.
  function update({ elements, label }, group) {
    const words = group.events.map((event) => event.text).join(' / ');
    for (const element of elements) {
      element.title = `${group.t.toFixed(1)}–${group.end.toFixed(1)} ms: ${words} × ${group.times}`;
      element.dataset.count = String(group.times);
      view.stretch(element, group.end);
    }
    view.labels.relabel(label, `× ${group.times}: ${words}`);
  }

  return {
    /** Draws `groups` again from index `from` on. */
    redraw(groups, from) {
      for (let index = from; index < Math.max(groups.length, drawn.length); index += 1) {
        const group = groups[index];
        const old = drawn[index];
        const same = old && group && old.first === group.events[0] && old.size === group.events.length;
        if (same && old.times === group.times && old.end === group.end) continue;
        if (same && old.times > 1 && group.times > 1) {
          update(old, group);
          Object.assign(old, { times: group.times, end: group.end });
          continue;
        }
        for (const element of old ? [...old.elements, old.label] : []) view.forget(element);
        if (!group) continue;
        if (index >= maxGroups) {
          showNote(notes, 'cut', `Cut: this timeline draws the first ${maxGroups} events and runs; the rest of this run is left out.`);
          drawn.length = Math.min(drawn.length, maxGroups);
          return;
        }
        drawn[index] = { first: group.events[0], size: group.events.length, times: group.times, end: group.end, ...draw(group) };
      }
      drawn.length = groups.length;
    },
  };
}
