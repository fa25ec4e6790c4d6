// Several paused stacks in one instance: coroutines. A driver's data buffer
// holds one paused stack, so each coroutine gets a driver (and a buffer) of
// its own. The module has one `yield_value` import for all of them; it hands
// each call to the driver of the coroutine that is running. The scheduler
// runs one coroutine at a time, until it pauses or finishes.

// ANCHOR: round_robin
export function createRoundRobin({ log }) {
  const coroutines = [];
  let running = null; // the coroutine whose wasm runs now
  let waiter = null; // settles when the running coroutine pauses or finishes

  // The import: every coroutine's wasm calls it; the running one's driver answers.
  const dispatch = (value) => running.yieldValue(value);

  function add(name, driver, wasmFunction, ...args) {
    const coroutine = { name, driver, wasmFunction, args, yielded: [], resume: null };
    coroutine.yieldValue = driver.suspending(async (value) => {
      coroutine.yielded.push(value);
      log(`  ${name} yields ${value}`);
      await new Promise((resolve) => {
        coroutine.resume = resolve;
        waiter.resolve(); // paused: the scheduler may run another coroutine
      });
    }, 'yield_value');
    coroutines.push(coroutine);
  }

  function runUntilStop(coroutine, step) {
    running = coroutine;
    return new Promise((resolve, reject) => {
      waiter = { resolve, reject };
      step();
    });
  }

  // Each coroutine runs to its first yield; then all of them are paused at once.
  async function startAll() {
    for (const coroutine of coroutines) {
      await runUntilStop(coroutine, () => {
        const { driver, wasmFunction, args } = coroutine;
        coroutine.finished = driver.call(wasmFunction, ...args).then((result) => {
          coroutine.result = result;
          log(`  ${coroutine.name} returned ${result}`);
          waiter.resolve();
        }, (error) => waiter.reject(error));
      });
    }
  }

  // Resumes the paused coroutines in turn, until none is paused or `rounds` ran.
  async function runRounds(rounds = Infinity) {
    for (let round = 1; round <= rounds; round += 1) {
      const paused = coroutines.filter((coroutine) => coroutine.driver.pausedCall());
      if (paused.length === 0) {
        return;
      }
      log(`round ${round}: resume ${paused.map((coroutine) => coroutine.name).join(', ')}`);
      for (const coroutine of paused) {
        await runUntilStop(coroutine, () => coroutine.resume());
      }
    }
  }
  // ANCHOR_END: round_robin

  const pausedCount = () => coroutines.filter((coroutine) => coroutine.driver.pausedCall()).length;
  return { dispatch, add, startAll, runRounds, pausedCount, coroutines };
}
