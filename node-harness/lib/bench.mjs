// Measures bench techniques (bench/*.mjs) one after another in this thread,
// and prints one JSON line per technique. Host-agnostic: the Node bench host
// and the browser bench page both call `runBench`.
//
// A technique's harness exports `async function prepare(host, params)`,
// resolving to `{ roundTrips(n), close?() }`: `roundTrips(n)` performs n
// round trips and throws when one answered wrongly.
//
// Timing: each technique first runs for `warmupMs` (the JIT settles), then n
// is calibrated so that one batch takes about `batchMs`, then `batches`
// batches are timed. With `rounds` set, there is no warmup or calibration:
// every batch is exactly `rounds` round trips (for tests).

import { BENCH_RESULT_PREFIX } from './wire.mjs';

/** The prefix of every result line (defined in wire.json), so other output never reads as one. */
export const RESULT_PREFIX = BENCH_RESULT_PREFIX;

/**
 * @param {object} host the host (see host.mjs)
 * @param {Array<{name: string, harness: string, params: object}>} techniques
 * @param {{batchMs: number, batches: number, warmupMs: number, rounds?: number}} settings
 * @param {(harness: string) => Promise<object>} importHarness loads bench/<harness>
 * @param {(line: string) => void} print writes one output line
 */
export async function runBench(host, techniques, settings, importHarness, print) {
  for (const technique of techniques) {
    const result = { name: technique.name };
    try {
      const harness = await importHarness(technique.harness);
      const bench = await harness.prepare(host, technique.params ?? {});
      try {
        Object.assign(result, await measure(bench, settings));
      } finally {
        await bench.close?.();
      }
    } catch (error) {
      result.error = String(error?.stack ?? error);
    }
    print(RESULT_PREFIX + JSON.stringify(result));
  }
}

async function measure(bench, { batchMs, batches, warmupMs, rounds }) {
  let n = rounds ?? 1;
  if (rounds === undefined) {
    const warmupEnds = performance.now() + warmupMs;
    while (performance.now() < warmupEnds) {
      await bench.roundTrips(n);
      n = Math.min(n * 2, 1 << 20);
    }
    n = await calibrate(bench, batchMs);
  }
  const nsPerRoundTrip = [];
  for (let batch = 0; batch < batches; batch += 1) {
    // The garbage of earlier batches is collected here, not in this batch's
    // timed region (the Node bench host has --expose-gc; a page has no gc()).
    globalThis.gc?.();
    const started = performance.now();
    await bench.roundTrips(n);
    nsPerRoundTrip.push(((performance.now() - started) * 1e6) / n);
  }
  return { rounds: n, nsPerRoundTrip };
}

/** The n whose batch takes about `batchMs`: doubled until a batch is long enough to time, then scaled. */
async function calibrate(bench, batchMs) {
  let n = 1;
  for (;;) {
    const started = performance.now();
    await bench.roundTrips(n);
    const elapsed = performance.now() - started;
    if (elapsed >= batchMs / 4 || n >= 1 << 24) {
      return Math.max(1, Math.round((n * batchMs) / Math.max(elapsed, 0.001)));
    }
    n *= elapsed < batchMs / 64 ? 8 : 2;
  }
}
