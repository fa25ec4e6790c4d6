// The host's side of the wire to the runner. Every prefix and record shape
// is defined once, in wire.json beside this file; the runner reads the same
// file (runner/src/wire.rs). This module only builds lines from it.

import wire from './wire.json' with { type: 'json' };

/** The definition itself: `lines`, `trace_fields`, `records`. */
export const WIRE = wire;

/** Detail lines (`host.detail`) start with this: shown with --verbose, never compared. */
export const DETAIL_PREFIX = wire.lines.detail.prefix;
/** Trace events start with this (see trace.mjs). */
export const TRACE_PREFIX = wire.lines.trace.prefix;
/** Records (a failure, the end of a run) start with this. */
export const RECORD_PREFIX = wire.lines.record.prefix;
/** A bench technique's measurement starts with this (see bench.mjs). */
export const BENCH_RESULT_PREFIX = wire.lines.bench_result.prefix;

/**
 * The line that carries record `type` with `fields`; throws when the fields
 * are not exactly the ones wire.json names, so a host cannot drift from it.
 */
export function recordLine(type, fields) {
  const shape = wire.records[type];
  if (!shape) throw new Error(`wire.json defines no record "${type}"`);
  const expected = Object.keys(shape.fields).sort().join(', ');
  const given = Object.keys(fields).sort().join(', ');
  if (given !== expected) {
    throw new Error(`record "${type}" needs the fields (${expected}), was given (${given})`);
  }
  return RECORD_PREFIX + JSON.stringify({ type, ...fields });
}

/** The record of `line`, or null when it is not a record line. */
export function parseRecordLine(line) {
  if (!line.startsWith(RECORD_PREFIX)) return null;
  try {
    return JSON.parse(line.slice(RECORD_PREFIX.length));
  } catch {
    return null;
  }
}

/**
 * The record line for an error that failed the run: `refused` for Node's
 * permission model, `harness-threw` for anything else. `plumbing` lists URL
 * prefixes of the host's own files, which `location` skips.
 */
export function failureLine(error, plumbing = []) {
  const ownFiles = [new URL('./', import.meta.url).href, ...plumbing];
  if (error?.code === 'ERR_ACCESS_DENIED') {
    return recordLine('refused', {
      error: headline(error),
      permission: error.permission ?? null,
      resource: error.resource ?? null,
    });
  }
  const stack = describe(error);
  return recordLine('harness-threw', {
    error: headline(error),
    location: lessonLocation(stack, ownFiles),
    stack,
  });
}

function headline(error) {
  if (error instanceof Error || (error && typeof error.name === 'string' && 'message' in error)) {
    return `${asText(error.name)}: ${asText(error.message)}`;
  }
  return asText(error);
}

// The stack, and the causes it wraps, which engines do not print by themselves.
function describe(error) {
  let text = asText(error?.stack ?? error);
  if (error instanceof Error && !text.includes(error.message)) {
    text = `${error.name}: ${error.message}\n${text}`;
  }
  for (let cause = error?.cause; cause; cause = cause.cause) {
    text += `\ncaused by: ${asText(cause?.stack ?? cause)}`;
  }
  return text;
}

// A thrown value as text, even one that refuses to become a string (`Object.create(null)`).
function asText(value) {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const PLACE = /(?:file:\/\/|https?:\/\/[^/\s]+)?\/[^\s()'"`]+?\.(?:mjs|js|cjs|wat|wasm|c|rs):\d+(?::\d+)?/g;

// The first `file:line[:column]` in `stack` that is not one of the host's own files.
function lessonLocation(stack, ownFiles) {
  for (const [place] of stack.matchAll(PLACE)) {
    if (!ownFiles.some((prefix) => place.startsWith(prefix))) return place;
  }
  return null;
}
