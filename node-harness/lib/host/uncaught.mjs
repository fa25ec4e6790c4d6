// Errors that nothing caught (a throw in a timer, a rejection nobody
// handled): the environment sees them first, and hands each to a harness that
// waits for one with `host.nextUncaughtError()`; any other fails the run.

/** The meeting point between the environment's handlers and the harness. */
export function createUncaughtRouter() {
  const waiters = [];
  return {
    /** For the host: a promise of the next uncaught error. */
    next() {
      return new Promise((resolve) => waiters.push(resolve));
    },
    /** For the environment: hands `error` to a waiting harness; false when none waits. */
    take(error) {
      const waiter = waiters.shift();
      waiter?.(error);
      return waiter !== undefined;
    },
  };
}
