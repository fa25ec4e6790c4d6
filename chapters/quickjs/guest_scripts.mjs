// The JavaScript that runs inside QuickJS. The host never reads it; it only
// hands it to the engine, which compiles it and runs it in wasm memory.

// ANCHOR: await_sleep
export const AWAIT_SLEEP = `
const r = await sleep(20);
value_return(r);
`;
// ANCHOR_END: await_sleep

// Two sleeps in flight at once, resolved in the opposite order to their start
// (far apart, so a machine that stalls between the two calls cannot swap them):
// each promise needs resolving functions of its own that outlive the call.
// Each value is checked against its own duration only: a machine stalled past
// both timers reads the same whole milliseconds for the two.
// ANCHOR: two_sleeps
export const TWO_SLEEPS = `
const [slow, fast] = await Promise.all([sleep(200), sleep(20)]);
value_return(slow >= 200 && fast >= 20);
`;
// ANCHOR_END: two_sleeps

// Text the host must pass as UTF-8: more bytes than UTF-16 units.
export const NON_ASCII_TEXT = 'naïve café ☕';
export const NON_ASCII = `value_return(${JSON.stringify(NON_ASCII_TEXT)});`;

// With the asyncify build, sleep() returns its value: no await, and the
// script's last expression is its result.
// ANCHOR: asyncify_sleep
export const ASYNCIFY_SLEEP = `
const r = sleep(20);
r;
`;
// ANCHOR_END: asyncify_sleep

// ANCHOR: bad_input
export const SYNTAX_ERROR = `
const r = await sleep(20);
value_return(r;
`;

export const REJECTS = `
const r = await sleep(10);
throw new RangeError('the guest gave up after its sleep');
`;
// ANCHOR_END: bad_input
