// Checks the learner's last_line.mjs: the script's last value comes back to the host.
import { evalWithSleep } from './last_line.mjs';

const SCRIPT = 'const slept = sleep(20);\nslept + 1000;';

export async function run(host) {
  const result = await evalWithSleep(host, SCRIPT);
  host.fact('evalWithSleep returned a number', typeof result === 'number');
  host.fact("it is the script's last value: sleep's milliseconds plus 1000", result >= 1020 && result < 2000);
}
