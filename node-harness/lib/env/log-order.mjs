// Log order across threads. Every line, printed by any thread, first takes a
// ticket from one counter in a SharedArrayBuffer (Atomics.add); the main
// thread prints lines in ticket order, holding back any line whose
// predecessors are still in flight. So a line logged *before* a thread posts
// a message always prints before the lines its receiver logs in response.
// Rule for chapter authors: log first, then post or notify. Where
// SharedArrayBuffer is missing (a page that is not cross-origin isolated),
// lines print in order of arrival.

/** How long `drain` waits for lines that other threads have logged but not yet delivered. */
const DRAIN_TIMEOUT_MS = 1000;

/**
 * Prints lines from every thread in the order they were logged.
 * @param {(line: string) => void} print writes one output line
 */
export function createLogSequencer(print) {
  const tickets =
    typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;
  let localTickets = 0;
  let nextToPrint = 0;
  const held = new Map();
  let progressed = () => {};

  const take = () => (tickets ? Atomics.add(tickets, 0, 1) : localTickets++);
  const issued = () => (tickets ? Atomics.load(tickets, 0) : localTickets);

  function deliver(ticket, line) {
    held.set(ticket ?? take(), line);
    while (held.has(nextToPrint)) {
      print(held.get(nextToPrint));
      held.delete(nextToPrint);
      nextToPrint += 1;
    }
    progressed();
  }

  function flush() {
    for (const ticket of [...held.keys()].sort((a, b) => a - b)) {
      print(held.get(ticket));
      nextToPrint = ticket + 1;
    }
    held.clear();
  }

  return {
    /** The shared ticket counter, passed to workers (null without SharedArrayBuffer). */
    tickets,
    /** Logs one line from this (the main) thread. */
    print(line) {
      deliver(take(), line);
    },
    /** Accepts a line from a worker; `ticket` is null when the worker had no counter. */
    deliver,
    /** Waits (briefly) until every ticket issued so far has printed, then prints the rest. */
    async drain() {
      const deadline = performance.now() + DRAIN_TIMEOUT_MS;
      while (nextToPrint < issued() && performance.now() < deadline) {
        await new Promise((resolve) => {
          progressed = resolve;
          setTimeout(resolve, 10);
        });
      }
      progressed = () => {};
      flush();
    },
    /** Prints every held line at once, in ticket order; for a run that is failing. */
    flush,
  };
}

/** Takes a ticket from a worker's copy of the shared counter (null without one). */
export function takeTicket(tickets) {
  return tickets ? Atomics.add(tickets, 0, 1) : null;
}
