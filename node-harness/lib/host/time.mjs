// Time for the lesson: `host.sleep` and `host.ticker`, with the trace events
// they record on this thread's `timers` lane.

/** `sleep(ms)` and `ticker()` of one host, recording to `tracer`. */
export function createTime(tracer) {
  const timers = overlapAwareTimers(tracer);
  return {
    // ANCHOR: sleep
    /**
     * Waits through the event loop until at least `ms` milliseconds have
     * passed by `now()`, and resolves to the whole milliseconds that passed.
     * Always gives the event loop at least one turn, even for `sleep(0)`.
     * A single timer is not enough: Node counts timers in whole milliseconds,
     * so one can end up to a millisecond early; whatever is left is waited again.
     */
    async sleep(ms) {
      const started = performance.now();
      // A computed delay differs run to run; the trace keeps only whole, written
      // ones.
      const shown = Number.isInteger(ms) ? ms : '…';
      timers.started(`setTimeout: sleep(${shown})`);
      do {
        const left = Math.max(0, Math.ceil(started + ms - performance.now()));
        await new Promise((resolve) => tracer.hostTimers(() => setTimeout(resolve, left)));
      } while (performance.now() - started < ms);
      timers.fired(`timer fired: sleep(${shown}) is over`);
      return Math.floor(performance.now() - started);
    },
    // ANCHOR_END: sleep

    // ANCHOR: ticker
    /**
     * Starts an event-loop probe: a 1 ms interval timer that counts how many
     * of its callbacks ran. `stop()` ends it and returns the count. A count of
     * 0 across an interval means the event loop never got a turn.
     */
    ticker() {
      let ticks = 0;
      tracer.arrow('js', 'timers', 'ticker started: a 1 ms interval');
      const id = tracer.hostTimers(() =>
        setInterval(() => {
          ticks += 1;
          tracer.live('timers', `tick ${ticks}`);
        }, 1),
      );
      return {
        stop() {
          clearInterval(id);
          tracer.arrow('js', 'timers', 'ticker stopped');
          return ticks;
        },
      };
    },
    // ANCHOR_END: ticker
  };
}

// Sleeps that overlap fire in an order that depends on timing, not on the
// lesson. From the moment a sleep starts while another is pending until none
// is, their events go to the live view only, and one note says so.
function overlapAwareTimers(tracer) {
  let pending = 0;
  let overlapping = false;
  return {
    started(text) {
      pending += 1;
      if (pending > 1 && !overlapping) {
        overlapping = true;
        tracer.note('timers', 'sleeps overlap: the order of their timers is left out');
      }
      if (overlapping) tracer.live('timers', text);
      else tracer.arrow('js', 'timers', text);
    },
    fired(text) {
      pending -= 1;
      if (overlapping) tracer.live('timers', text);
      else tracer.arrow('timers', 'js', text);
      if (pending === 0) overlapping = false;
    },
  };
}
