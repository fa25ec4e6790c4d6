// How the trace shows what crosses the boundary between JavaScript and wasm:
// without values that differ run to run (timings, addresses), so that drawings
// are the same on every machine.

/**
 * The arguments of a call across the boundary. Whole numbers stay (a
 * duration, a count, an address: the same every run); a fraction is shown as
 * `…`, since wasm gets those from clocks and they differ run to run.
 */
export function showArguments(args) {
  return args.map(showArgument).join(', ');
}

function showArgument(value) {
  return typeof value === 'number' && !Number.isInteger(value) ? '…' : showValue(value);
}

/**
 * A short, run-independent rendering of a value crossing the boundary:
 * numbers and booleans as written, strings quoted, anything else by its type.
 */
export function showValue(value) {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 24 ? `${value.slice(0, 21)}...` : value);
  if (value === null || value === undefined) return String(value);
  return typeof value === 'function' ? 'a function' : 'an object';
}

/** The wasm functions on the current stack, innermost first, as V8 names them. */
export function wasmFramesHere() {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = String(new Error().stack ?? '');
  Error.stackTraceLimit = limit;
  const frames = [];
  for (const line of stack.split('\n')) {
    const match = /at (?:(\S+) )?\(?wasm:\/\/[^)]*?:wasm-function\[(\d+)\]/.exec(line);
    if (match) frames.push(match[1] && match[1] !== 'wasm-function' ? `${match[1]} (#${match[2]})` : `#${match[2]}`);
  }
  return frames;
}
