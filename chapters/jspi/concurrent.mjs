// Two promising calls in flight at once. Each WebAssembly.promising call runs
// on a stack of its own, so a call that started later can resume and finish
// while an earlier one stays suspended, and neither disturbs the other.
// Contrast asyncify: it saves an unwound stack into ONE data buffer, so a
// second call that unwinds before the first has rewound would overwrite the
// first call's saved stack; asyncify code must refuse or queue reentrant
// calls. Here there is nothing to guard.
import { requireJspiApi } from './jspi_api.mjs';

const LONG_MS = 60;
const SHORT_MS = 10;

export async function run(host) {
  requireJspiApi(host, 'standard');

  // ANCHOR: gates
  // Each wait parks its call behind a gate that the harness opens itself, at
  // the call's due time, shortest first. Two racing timers could swap places
  // on a busy machine; gates opened in order cannot.
  const gates = new Map(); // duration -> opens that call's gate
  const wait = (ms) => new Promise((open) => gates.set(ms, open));
  // ANCHOR_END: gates

  const { exports } = await host.instantiate('sleep', {
    env: {
      before: (ms) => host.log(`before: sleep(${ms}) starts its wait`),
      wait: new WebAssembly.Suspending(wait),
      after: (waited) => host.log(`after: a call resumed with ${waited}`),
    },
  });
  const sleep = WebAssembly.promising(exports.sleep);

  // ANCHOR: both
  const calls = new Map(); // duration -> that call's Promise
  const finished = [];
  for (const ms of [LONG_MS, SHORT_MS]) {
    host.log(`calling sleep(${ms}) without awaiting it`);
    calls.set(ms, sleep(ms).then((result) => {
      host.log(`sleep(${ms}) resolved to ${result}`);
      finished.push(ms);
      return result;
    }));
  }
  host.fact('both calls are suspended at the same time', gates.size === 2 && finished.length === 0);

  const begun = host.now();
  for (const ms of [...gates.keys()].sort((a, b) => a - b)) {
    await host.sleep(begun + ms - host.now()); // until this call is due
    gates.get(ms)(ms); // resumes that call's own stack: `call $wait` returns ms
    await calls.get(ms);
    host.fact(`sleep(${ms}) finished after at least ${ms} ms`, host.now() - begun >= ms);
  }
  // ANCHOR_END: both

  host.fact(
    `sleep(${SHORT_MS}), called second, finished first`,
    finished.join(',') === `${SHORT_MS},${LONG_MS}`,
  );
}
