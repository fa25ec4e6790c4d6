// How the trace shows what crosses the boundary between JavaScript and wasm:
// without values that differ run to run (timings, addresses), so that drawings
// are the same on every machine.

/**
 * The arguments of a call across the boundary, as `…` when there are any:
 * wasm often passes timings and addresses. The log states the values that matter.
 */
export function showArguments(args) {
  return args.length > 0 ? '…' : '';
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
