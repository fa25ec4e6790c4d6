// The lesson's API (lib/host/host.mjs) as a session builds it
// (lib/env/session.mjs), with a stand-in environment or Node's own.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { nodeEnvironment } from '../lib/env/node/env.mjs';
import { createSession } from '../lib/env/session.mjs';
import { parseTraceLine } from '../lib/trace/tracer.mjs';

// (module (import "mod" "foo" (func (param i32) (result i32)))
//   (func (export "bar") (param i32) (result i32) (i32.add (call 0 (local.get 0)) (i32.const 1))))
const FOO_BAR = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 127, 1, 127, 2, 11, 1, 3, 109, 111, 100, 3, 102, 111,
  111, 0, 0, 3, 2, 1, 0, 7, 7, 1, 3, 98, 97, 114, 0, 1, 10, 11, 1, 9, 0, 32, 0, 16, 0, 65, 1, 106, 11,
]);

function standInSession(envChanges = {}) {
  const lines = [];
  const env = {
    loadWasm: async (name) => {
      if (name !== 'foo-bar') throw new Error(`no module ${name}`);
      return FOO_BAR;
    },
    engine: { name: 'test', version: '0' },
    spawnWorker: () => {
      throw new Error('no workers here');
    },
    ...envChanges,
  };
  const session = createSession(env, { print: (line) => lines.push(line), onWorkerFailure: () => {} });
  const log = () => lines.filter((line) => !parseTraceLine(line));
  const trace = () => lines.map(parseTraceLine).filter(Boolean);
  return { session, host: session.host, lines, log, trace };
}

test('the host is the lesson API only: the plumbing stays with the session', async () => {
  const { session, host } = standInSession();
  assert.deepEqual(Object.keys(host).sort(), [
    'asyncify', 'compile', 'detail', 'emscripten', 'engine', 'fact', 'instantiate', 'log',
    'nextUncaughtError', 'now', 'quickjs', 'sleep', 'startWorker', 'ticker', 'trace',
  ]);
  await session.finish();
});

test('log, fact and detail print their lines in order; trace marks go to the trace only', async () => {
  const { session, host, log, trace } = standInSession();
  host.log('a', 'fact', 1);
  host.fact('it holds', true);
  host.fact('it fails', 0);
  host.trace('a mark');
  host.detail('raw', 53);
  await session.finish();
  assert.deepEqual(log(), ['a fact 1', 'it holds: yes', 'it fails: no', '# raw 53']);
  assert.deepEqual(trace().map((event) => [event.from, event.text]), [['main', 'a mark']]);
});

test('instantiate traces imports and exports, and names a missing export', async () => {
  const { session, host, trace } = standInSession();
  const { exports } = await host.instantiate('foo-bar', { mod: { foo: (x) => x * 10 } });
  assert.equal(exports.bar(4), 41);
  assert.throws(() => exports.baz, { message: 'module "foo-bar" has no export "baz" (it exports: bar)' });
  await session.finish();
  assert.deepEqual(trace().map((event) => event.text), [
    'call bar(4)',
    'import foo(4)',
    'foo returned',
    'bar returned',
  ]);
  assert.equal(exports.bar, exports.bar, 'one wrapper per export');
});

test('sleep waits at least its time, and the ticker sees the event loop turn', async () => {
  const { session, host } = standInSession();
  const ticker = host.ticker();
  const started = host.now();
  const slept = await host.sleep(20);
  assert.ok(slept >= 20 && host.now() - started >= 20);
  assert.ok(ticker.stop() > 0);
  await session.finish();
});

test('an uncaught error goes to a harness that waits for one, and only then', async () => {
  const { session, host } = standInSession();
  assert.equal(session.takeUncaught(new Error('nobody waits')), false);
  const next = host.nextUncaughtError();
  assert.equal(session.takeUncaught(new Error('a waiter')), true);
  assert.equal((await next).message, 'a waiter');
  await session.finish();
});

test('a harness without run(host) is refused by name', async () => {
  const { session } = standInSession();
  await assert.rejects(session.runHarness({}, 'lesson.mjs'), { message: 'lesson.mjs must export `async function run(host)`' });
  await session.finish();
});

test('quickjs refuses an unknown build, and says why where it cannot load', async () => {
  const { session, host } = standInSession({ quickjsUnavailable: 'a stand-in reason' });
  await assert.rejects(host.quickjs('fast'), { message: /no such build; ask for 'sync' or 'asyncify'/ });
  await assert.rejects(host.quickjs('sync'), { message: "host.quickjs('sync') cannot load QuickJS here: a stand-in reason" });
  await session.finish();
});

test('a QuickJS context left open fails the run once run(host) resolved', async () => {
  const { session } = standInSession({ loadPackageFile: nodeEnvironment('.').loadPackageFile });
  const leaky = {
    async run(host) {
      (await host.quickjs('sync')).newContext();
    },
  };
  await assert.rejects(session.runHarness(leaky, 'leaky.mjs'), { message: /1 context\(s\) never disposed \(builds 'sync'\)/ });
  await session.finish();
});

async function runQuickJSWorker(options) {
  const artifactDir = await mkdtemp(join(tmpdir(), 'host-test-'));
  const lines = [];
  const session = createSession(nodeEnvironment(artifactDir), {
    print: (line) => lines.push(line),
    onWorkerFailure: (error) => assert.fail(error),
    ...options,
  });
  try {
    const worker = await session.host.startWorker(new URL('./fixtures/quickjs_worker.mjs', import.meta.url), {
      name: 'helper',
      data: { a: 6, b: 7 },
    });
    assert.equal(await worker.result, 42);
  } finally {
    await session.finish();
    await rm(artifactDir, { recursive: true });
  }
  return lines;
}

test('quickjs works inside a Node worker, and the worker logs and traces through the main log', async () => {
  const lines = await runQuickJSWorker();
  assert.ok(lines.includes("[helper] the worker's QuickJS says 42"), lines.join('\n'));
  const lanes = new Set(lines.map(parseTraceLine).filter(Boolean).map((event) => event.from));
  assert.ok(lanes.has('main') && lanes.has('helper'), [...lanes].join(', '));
});

test('a session that does not trace starts workers that do not trace either', async () => {
  const lines = await runQuickJSWorker({ trace: false });
  assert.deepEqual(lines, ["[helper] the worker's QuickJS says 42"]);
});
