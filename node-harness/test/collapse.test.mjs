// The live timeline's collapsing (lib/trace/collapse.mjs): a run becomes one
// group with its count and times, settled groups never change as events come,
// and the tracer's cut does not stop the live view. (That its groups are the
// drawings' is the runner's parity test: tests/workbook/collapse_parity.rs.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { collapse, createCollapser } from '../lib/trace/collapse.mjs';
import { createTracer, MAX_TRACE_EVENTS } from '../lib/trace/tracer.mjs';

const call = (t) => ({ from: 'wasm', to: 'main', text: 'import now_ms()', t });
const back = (t) => ({ from: 'main', to: 'wasm', text: 'now_ms returned', t });

test('a busy wait of 1000 clock calls is one group with its count, first and last time', () => {
  const events = [{ from: 'main', to: 'wasm', text: 'call sleep(100)', t: 0 }];
  for (let index = 0; index < 1000; index += 1) events.push(call(index / 10), back(index / 10 + 0.05));
  events.push({ from: 'wasm', to: 'main', text: 'sleep returned', t: 100 });
  const groups = collapse(events);
  assert.deepEqual(groups.map((group) => [group.events.map((event) => event.text), group.times]), [
    [['call sleep(100)'], 1],
    [['import now_ms()', 'now_ms returned'], 1000],
    [['sleep returned'], 1],
  ]);
  assert.deepEqual([groups[1].t, groups[1].end], [0, 99.95]);
});

test('the time of an event is not part of what repeats', () => {
  assert.deepEqual(collapse([call(1), call(2), call(3)]).map((group) => group.times), [3]);
});

test('settled groups never change as more events come', () => {
  const texts = 'abababbbcacacabcabc';
  const collapser = createCollapser();
  const seen = [];
  for (const [index, text] of [...texts].entries()) {
    collapser.push({ from: 'main', text, t: index });
    const settled = collapser.groups().slice(0, collapser.settledCount());
    for (const [at, group] of seen.entries()) assert.deepEqual(settled[at], group);
    seen.splice(0, seen.length, ...settled);
  }
  collapser.finish();
  const all = collapser.groups();
  assert.deepEqual(all.slice(0, seen.length), seen);
  assert.equal(all.reduce((sum, group) => sum + group.events.length * group.times, 0), texts.length);
});

test("past the tracer's cut, events still reach the live view", () => {
  const lines = [];
  const live = [];
  const tracer = createTracer({ print: (line) => lines.push(line), live: (event) => live.push(event) });
  for (let index = 0; index < MAX_TRACE_EVENTS + 50; index += 1) tracer.note('js', `event ${index}`);
  assert.equal(lines.length, MAX_TRACE_EVENTS + 1);
  assert.ok(lines.at(-1).includes('"cut":true'));
  const after = live.filter((event) => event.afterCut);
  assert.equal(after.length, 50);
  assert.equal(after.at(-1).text, `event ${MAX_TRACE_EVENTS + 49}`);
});
