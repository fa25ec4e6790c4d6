// Checks the learner's last_line.mjs: the script's last value comes back to the host.
import { evalWithSleep } from './last_line.mjs';

// A constant no answer can know in advance: only running the script gives
// its last value (returning a fixed number would otherwise pass).
const ADDED = 1000 * (1 + Math.floor(Math.random() * 1000));
const SCRIPT = `const slept = sleep(20);\nslept + ${ADDED};`;

export async function run(host) {
  const result = await evalWithSleep(host, SCRIPT);
  host.fact('evalWithSleep returned a number', typeof result === 'number');
  host.fact(
    "it is the script's last value: sleep's milliseconds plus the script's constant",
    result >= ADDED + 20 && result < ADDED + 1000,
  );
  host.detail(`the script added ${ADDED}; evalWithSleep returned ${result}`);
}
