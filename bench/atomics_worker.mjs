// The atomics bench's worker: blocks on Atomics.wait inside the wasm import,
// which a worker may do; runs batches until told to stop.
import { CELL } from './atomics_protocol.mjs';

export async function run(host) {
  const { cells } = host.data;
  const wait = (value) => {
    const request = Atomics.load(cells, CELL.requests) + 1;
    Atomics.store(cells, CELL.value, value);
    Atomics.store(cells, CELL.requests, request);
    Atomics.notify(cells, CELL.requests);
    while (Atomics.load(cells, CELL.answers) !== request) {
      Atomics.wait(cells, CELL.answers, request - 1);
    }
    return Atomics.load(cells, CELL.answer);
  };
  const { exports } = await host.instantiate('round-trip', { env: { wait } });
  let seen = 0;
  for (;;) {
    Atomics.wait(cells, CELL.batch, seen);
    seen = Atomics.load(cells, CELL.batch);
    const rounds = Atomics.load(cells, CELL.command);
    if (rounds < 0) return;
    for (let i = 0; i < rounds; i += 1) {
      if (exports.round_trip(1, i & 0xff) !== (i & 0xff)) Atomics.store(cells, CELL.failed, 1);
    }
    Atomics.store(cells, CELL.batchDone, seen);
    Atomics.notify(cells, CELL.batchDone);
  }
}
