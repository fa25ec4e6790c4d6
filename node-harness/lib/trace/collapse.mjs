// The collapsing rule of the drawings (runner/src/trace/collapse.rs), for the
// live timeline, which sees its events one at a time: a run of one event, or
// of a pair of events (a call and its return), repeated back to back is one
// group with its count. Each decision is the one the runner makes on the
// whole sequence, taken as soon as the events it looks at have arrived, so
// the groups are the runner's groups (a parity test feeds both the same
// sequences: runner/tests/workbook/collapse_parity.rs).
//
// A group is { events, times, t, end }: the events of one repetition, how
// many times they came back to back (1 for an event that did not repeat),
// and the time of its first and of its last event.

/** The longest group a repetition is looked for in: a call and its return. */
const LONGEST_GROUP = 2;

// What makes two events the same: every field the runner reads, none of the
// live view's own (its time, or whether it was printed).
const KEY_FIELDS = ['from', 'to', 'text', 'frames', 'saved', 'buffer', 'notify', 'woken'];

/** The identity of an event for the rule. */
export function eventKey(event) {
  return JSON.stringify(KEY_FIELDS.map((field) => event[field] ?? null));
}

/** The groups of a whole sequence of events. */
export function collapse(events) {
  const collapser = createCollapser();
  for (const event of events) collapser.push(event);
  collapser.finish();
  return collapser.groups();
}

/**
 * A collapser fed one event at a time. `settled` holds the groups no later
 * event can change; `groups()` adds the open ones (a run still repeating,
 * events still undecided, each shown as a group of one).
 */
export function createCollapser() {
  // pending: { event, key } not yet in a settled group or the run;
  // run: { keys, events, times, partial, t, end }, the repetition still going on.
  const state = { settled: [], pending: [], run: null };
  return {
    /** Takes the next event. */
    push(event) {
      add(state, { event, key: eventKey(event) });
    },
    /** No event follows: every open decision is taken. */
    finish() {
      // A run the last events start is closed at once: loop until all is settled.
      while (state.run || state.pending.length > 0) {
        if (state.run) state.pending = [...closeRun(state), ...state.pending];
        decide(state, true);
      }
    },
    /** How many groups are settled: they never change again. */
    settledCount: () => state.settled.length,
    /**
     * The groups so far: the settled ones, then the open ones (a run still
     * going on, without its next repetition until that is whole; each
     * undecided event as a group of one).
     */
    groups() {
      const { settled, pending, run } = state;
      const open = run ? [{ events: run.events, times: run.times, t: run.t, end: run.end }] : [];
      const undecided = pending.map(({ event }) => ({ events: [event], times: 1, t: event.t, end: event.t }));
      return [...settled, ...open, ...undecided];
    },
  };
}

function add(state, item) {
  const { run } = state;
  if (!run) {
    state.pending.push(item);
  } else if (item.key === run.keys[run.partial.length]) {
    run.partial.push(item);
    if (run.partial.length === run.keys.length) {
      run.times += 1;
      run.end = item.event.t;
      run.partial = [];
    }
    return;
  } else {
    state.pending = [...closeRun(state), item];
  }
  decide(state, false);
}

function closeRun(state) {
  const { events, times, t, end, partial } = state.run;
  state.settled.push({ events, times, t, end });
  state.run = null;
  return partial;
}

// Takes every decision the pending events allow; `final` once no event will follow.
function decide(state, final) {
  while (state.pending.length > 0) {
    const { pending } = state;
    const size = repeatedSize(pending, final);
    if (size === undefined) return; // the decision needs events yet to come
    if (size === 0) {
      const [{ event }] = pending.splice(0, 1);
      state.settled.push({ events: [event], times: 1, t: event.t, end: event.t });
      continue;
    }
    const group = pending.slice(0, size);
    state.run = {
      keys: group.map((item) => item.key),
      events: group.map((item) => item.event),
      times: 2,
      partial: [],
      t: group[0].event.t,
      end: pending[2 * size - 1].event.t,
    };
    state.pending = [];
    for (const item of pending.slice(2 * size)) add(state, item);
    return;
  }
}

// The size of the group that repeats at the start of `items` (0: none),
// or undefined when events yet to come could change the answer.
function repeatedSize(items, final) {
  for (let size = 1; size <= LONGEST_GROUP; size += 1) {
    const group = items.slice(0, size);
    if (group.length < size) return final ? 0 : undefined;
    if (group.some(({ event }) => event.frames) || allSame(group)) continue;
    const next = items.slice(size, 2 * size);
    if (next.length < size && !final && next.every((item, index) => item.key === group[index].key)) return undefined;
    if (next.length === size && next.every((item, index) => item.key === group[index].key)) return size;
  }
  return 0;
}

// A pair of equal events is a run of one event, found first.
function allSame(group) {
  return group.length > 1 && group.every((item) => item.key === group[0].key);
}
