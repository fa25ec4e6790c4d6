// The trace records (lib/trace/): the `@trace` line of each event, lanes per
// thread, the cut, imports traced and labelled, and built-ins traced per tracer.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { createAsyncifyDriver } from '../lib/host/asyncify/driver.mjs';
import { traceBuiltins } from '../lib/trace/builtins.mjs';
import { traceExports } from '../lib/trace/exports.mjs';
import { traceImports } from '../lib/trace/imports.mjs';
import { handPortsTo, tracedMessageChannel } from '../lib/trace/ports.mjs';
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
  assert.deepEqual(events().map((event) => event.text), ['import add(2, 3)', 'add returned']);
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
  assert.equal(scope.Atomics.wait(cells, 1, 5, 1), 'not-equal');
  assert.equal(scope.Atomics.notify(cells, 1), 0);
  assert.equal(scope.Atomics.wait(cells, 1, 0, 0), 'timed-out');
  assert.deepEqual(events().map((event) => event.text), [
    'Atomics.wait on [1] is over: the value changed',
    'Atomics.notify on [1]',
    'Atomics.wait on [1], timeout 0: returned at once, never blocked',
  ]);
  assert.equal(Atomics.notify, original, "the thread's own Atomics is untouched");
  restore();
  assert.equal(scope.Atomics.notify, original);
});

test('whole-number arguments are shown, fractions (clock readings) are not', () => {
  const { tracer, events } = recordingTracer();
  const traced = traceImports(tracer, { env: { report: () => {} } });
  traced.env.report(60, 12.25, 'id');
  assert.equal(events()[0].text, 'import report(60, …, "id")');
});

test('traced exports record call and return, and unwrap to the export itself', () => {
  const { tracer, events } = recordingTracer();
  const raw = { double: (x) => 2 * x, memory: 'a memory' };
  const traced = traceExports(tracer, raw);
  assert.equal(traced.double(21), 42);
  assert.equal(traced.memory, 'a memory');
  assert.equal(tracer.unwrap(traced.double), raw.double);
  assert.equal(tracer.unwrap(raw.double), raw.double);
  assert.deepEqual(events().map((event) => event.text), ['call double(21)', 'double returned']);
});

test('a repeated event or pair is printed twice, then goes to the live view only', () => {
  const { tracer, lines, live } = recordingTracer();
  tracer.note('js', 'start');
  for (let index = 0; index < 500; index += 1) {
    tracer.arrow('wasm', 'js', 'import now_ms()');
    tracer.arrow('js', 'wasm', 'now_ms returned');
  }
  for (let index = 0; index < 5; index += 1) tracer.note('js', 'tick');
  tracer.note('js', 'end');
  const texts = lines.map((line) => parseTraceLine(line).text);
  assert.deepEqual(texts, [
    'start',
    'import now_ms()',
    'now_ms returned',
    'import now_ms()',
    'now_ms returned',
    'tick',
    'tick',
    'end',
  ]);
  assert.equal(live.filter((event) => event.repeated).length, 996 + 3);
});

test('a timer started inside a traced import is drawn as wasm\'s, start and firing', async () => {
  const { tracer, events } = recordingTracer();
  const scope = { Atomics: {}, WebAssembly: {}, setTimeout: globalThis.setTimeout };
  const restore = traceBuiltins(scope, tracer);
  let fired;
  const done = new Promise((resolve) => (fired = resolve));
  const traced = traceImports(tracer, { env: { set_timeout: (ms) => scope.setTimeout(fired, ms) } });
  traced.env.set_timeout(5);
  scope.setTimeout(() => {}, 1); // outside any import: not drawn
  await done;
  restore();
  assert.equal(scope.setTimeout, globalThis.setTimeout);
  assert.deepEqual(events().map((event) => event.text), [
    'import set_timeout(5)',
    'setTimeout(5), for wasm',
    'set_timeout returned',
    'timer fired: setTimeout(5)',
  ]);
});

test('Atomics events carry the cell index the runner pairs a notify and a wait by', () => {
  const { tracer, events } = recordingTracer();
  const scope = { Atomics: { wait: Atomics.wait, notify: Atomics.notify }, WebAssembly: {} };
  const restore = traceBuiltins(scope, tracer);
  const cells = new Int32Array(new SharedArrayBuffer(8));
  scope.Atomics.wait(cells, 1, 5, 1);
  scope.Atomics.notify(cells, 1);
  restore();
  assert.deepEqual(events().map(({ woken, notify }) => [woken, notify]), [[1, undefined], [undefined, 1]]);
});

test("a traced channel's ports record what they post and receive, labelled by the message's shape", async () => {
  const { tracer, events } = recordingTracer();
  const scope = { Atomics: {}, WebAssembly: {}, setTimeout: globalThis.setTimeout, MessageChannel };
  const restore = traceBuiltins(scope, tracer);
  const { port1, port2 } = new scope.MessageChannel();
  const arrived = new Promise((resolve) => {
    port2.onmessage = ({ data }) => resolve(data);
  });
  port1.postMessage({ durationMs: 50, cell: null });
  assert.deepEqual(await arrived, { durationMs: 50, cell: null });
  port1.close();
  restore();
  assert.equal(scope.MessageChannel, MessageChannel);
  assert.deepEqual(
    events().map(({ text, sent, received }) => [text, sent, received]),
    [
      ['port.postMessage({durationMs, cell})', '{durationMs, cell}', undefined],
      ['port.onmessage({durationMs, cell})', undefined, '{durationMs, cell}'],
    ],
  );
});

test('a port handed to a worker posts as an arrow to the holder of its other end', () => {
  const { tracer, events } = recordingTracer();
  const Channel = tracedMessageChannel(tracer, MessageChannel);
  const { port1, port2 } = new Channel();
  assert.deepEqual(handPortsTo('worker B', { port: port2 }), {}, 'its other end is still here');
  assert.deepEqual(handPortsTo('worker A', { port: port1, other: 1 }), { port: 'worker B' });
  const kept = new Channel();
  handPortsTo('worker B', { port: kept.port2 });
  kept.port1.postMessage({ durationMs: 50 });
  kept.port1.close();
  port1.close();
  assert.deepEqual(
    events().map(({ from, to, text }) => [from, to, text]),
    [['main', 'worker B', 'port message {durationMs} to worker B']],
  );
});
