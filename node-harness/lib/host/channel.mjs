// Small parts of the worker API's message channel, used on both of its ends.

/** A promise with its resolve and reject, and whether either ran. */
export function deferred() {
  const box = { settled: false };
  box.promise = new Promise((resolve, reject) => {
    box.resolve = (value) => {
      box.settled = true;
      resolve(value);
    };
    box.reject = (error) => {
      box.settled = true;
      reject(error);
    };
  });
  return box;
}

/** Messages in arrival order, read one at a time with `next()`; `fail` rejects every read. */
export function createInbox() {
  const queued = [];
  const readers = [];
  let failure = null;
  return {
    push(message) {
      if (readers.length > 0) readers.shift().resolve(message);
      else queued.push(message);
    },
    fail(error) {
      failure = error;
      for (const reader of readers.splice(0)) reader.reject(error);
    },
    next() {
      if (queued.length > 0) return Promise.resolve(queued.shift());
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => readers.push({ resolve, reject }));
    },
  };
}
