// The trace records (lib/trace/): the `@trace` line of each event, lanes per
// thread, the cut, imports traced and labelled, and built-ins traced per tracer.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createAsyncifyDriver } from '../lib/host/asyncify/driver.mjs';
import { traceBuiltins } from '../lib/trace/builtins.mjs';
import { traceImports } from '../lib/trace/imports.mjs';
import { createTracer, MAX_TRACE_EVENTS, parseTraceLine, silentTracer, TRACE_PREFIX } from '../lib/trace/tracer.mjs';
import { instantiateWithDriver } from './asyncified-module.mjs';

function recordingTracer(thread) {
  const lines = [];
  const live = [];
  const tracer = createTracer({ print: (line) => lines.push(line), thread, live: (event) => live.push(event) });
  const events = () => lines.map(parseTraceLine);
  return { tracer, lines, live, events };
}

test('each event is one @trace line of JSON with lanes, text and a time', () => {
  const { tracer, lines, events } = recordingTracer();
  tracer.arrow('js', 'wasm', 'call run()');
  tracer.note('timers', 'a note');
  assert.ok(lines.every((line) => line.startsWith(TRACE_PREFIX)));
  const [arrow, note] = events();
  assert.deepEqual({ from: arrow.from, to: arrow.to, text: arrow.text }, { from: 'main', to: 'wasm', text: 'call run()' });
  assert.equal(typeof arrow.t, 'number');
  assert.deepEqual({ from: note.from, to: note.to }, { from: 'timers', to: undefined });
  assert.equal(parseTraceLine('a log line'), null);
  assert.equal(parseTraceLine(`${TRACE_PREFIX}{not json`), null);
});

test("a worker's lanes carry its name; live events are never printed", () => {
  const { tracer, lines, live, events } = recordingTracer('worker A');
  tracer.arrow('js', 'wasm', 'x');
  tracer.live('timers', 'tick 1');
  assert.deepEqual([events()[0].from, events()[0].to], ['worker A', 'worker A wasm']);
  assert.equal(lines.length, 1);
  assert.deepEqual([live[0].from, live[0].live], ['worker A timers', true]);
});

test('a thread records at most MAX_TRACE_EVENTS, then one note says the rest were cut', () => {
  const { tracer, lines, events } = recordingTracer();
  for (let index = 0; index < MAX_TRACE_EVENTS + 50; index += 1) tracer.note('js', `event ${index}`);
  assert.equal(lines.length, MAX_TRACE_EVENTS + 1);
  assert.match(events().at(-1).text, /^trace cut: more than 300 events$/);
});

test('the silent tracer prints nothing', () => {
  const tracer = silentTracer();
  tracer.arrow('js', 'wasm', 'x');
  assert.equal(tracer.recording, false);
});

test('traced imports record the call and the return; self-traced ones learn their field', () => {
  const { tracer, events } = recordingTracer();
  const selfTraced = () => 0;
  const label = tracer.selfTraced(selfTraced);
  const traced = traceImports(tracer, { env: { add: (a, b) => a + b, own: selfTraced, limit: 7 } });
  assert.equal(traced.env.add(2, 3), 5);
  assert.equal(traced.env.own, selfTraced);
  assert.equal(traced.env.limit, 7);
  assert.equal(label.field, 'own');
  assert.deepEqual(events().map((event) => event.text), ['import add(…)', 'add returned']);
});

test("the asyncify driver's pause is recorded: call, unwind with its bytes, rewind, return", async () => {
  const { tracer, events } = recordingTracer();
  const driver = createAsyncifyDriver(tracer);
  const exports = instantiateWithDriver(driver);
  tracer.nameExports(exports);
  assert.equal(await driver.call(exports.tenfold_plus_sleep, 2), 23);
  const texts = events().map((event) => event.text);
  assert.equal(texts[0], 'call tenfold_plus_sleep(2)');
  assert.equal(texts[1], 'import sleep(2): starts the unwind');
  assert.match(texts[2], /^unwound: \d+ bytes saved$/);
  assert.deepEqual(texts.slice(3), [
    "sleep(2)'s promise fulfilled",
    'asyncify_start_rewind',
    'call tenfold_plus_sleep(2) again, to rewind',
    'import sleep(2) again: stops the rewind, returns the awaited value',
    'tenfold_plus_sleep returned',
  ]);
  const unwound = events()[2];
  assert.equal(unwound.saved.length, Number(/\d+/.exec(unwound.text)[0]));
  assert.deepEqual(unwound.buffer, [24, 24 + 1024]);
});

test('traced built-ins record to the tracer they were given, and restore() puts the originals back', () => {
  const { tracer, events } = recordingTracer();
  const scope = {
    Atomics: { wait: Atomics.wait, notify: Atomics.notify },
    WebAssembly: { Suspending: WebAssembly.Suspending, promising: WebAssembly.promising },
  };
  const original = scope.Atomics.notify;
  const restore = traceBuiltins(scope, tracer);
  const cells = new Int32Array(new SharedArrayBuffer(8));
  assert.equal(scope.Atomics.wait(cells, 1, 5, 0), 'not-equal');
  assert.equal(scope.Atomics.notify(cells, 1), 0);
  assert.deepEqual(events().map((event) => event.text), [
    'Atomics.wait on [1] is over: the value changed',
    'Atomics.notify on [1]',
  ]);
  assert.equal(Atomics.notify, original, "the thread's own Atomics is untouched");
  restore();
  assert.equal(scope.Atomics.notify, original);
});
