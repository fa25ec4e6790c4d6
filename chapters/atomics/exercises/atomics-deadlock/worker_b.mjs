// Worker B of the atomics-deadlock exercise: it does the asynchronous work,
// then answers worker A with the learner's sendAnswer() from answer.mjs.
import { sendAnswer } from './answer.mjs';

export async function run(host) {
  const { port } = host.data;
  port.onmessage = async ({ data: { durationMs, cell } }) => {
    host.log(`request: wait ${durationMs} ms`);
    const measuredMs = await host.sleep(durationMs);
    host.log('answering with sendAnswer(cell, the measured time)');
    const notifies = recordNotifies(cell, () => sendAnswer(cell, measuredMs));
    host.postMessage({ sentValue: measuredMs, notifies });
  };
  host.log('ready: waiting for requests');
}

// Runs `answer` and records each Atomics.notify it makes on `cell`: the Int32
// slot named and what STATUS held at that moment. Whether worker A was already
// asleep is a race, so the check judges these records, not only the wake-up.
function recordNotifies(cell, answer) {
  const realNotify = Atomics.notify;
  const status = new Int32Array(cell, 0, 1);
  const notifies = [];
  Atomics.notify = (array, index, count) => {
    if (array.buffer === cell) {
      const slot = array.byteOffset / array.BYTES_PER_ELEMENT + Number(index);
      notifies.push({ slot, status: Atomics.load(status, 0) });
    }
    return realNotify(array, index, count);
  };
  try {
    answer();
  } finally {
    Atomics.notify = realNotify;
  }
  return notifies;
}
