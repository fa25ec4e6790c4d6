// What the browser pages share: the page-state contract
// (lib/env/browser/page-state.mjs), the one import map
// (lib/env/browser/import-map.js), and the log's order across threads.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

import {
  FINISHED_STATES,
  PAGE_STATE_GLOBAL,
  publishPageState,
  readPageState,
  waitUntilFinished,
} from '../lib/env/browser/page-state.mjs';
import { createLogSequencer } from '../lib/env/log-order.mjs';
import { QUICKJS_BUILDS } from '../lib/host/quickjs.mjs';

const harnessDir = fileURLToPath(new URL('..', import.meta.url));

test('a page publishes its state in one global, and records its first failure only', () => {
  const page = publishPageState();
  assert.equal(globalThis[PAGE_STATE_GLOBAL], page.run);
  assert.equal(page.run.state, 'loading');
  page.setState('running');
  page.addLine('a line');
  assert.match(page.fail(new TypeError('it broke')), /TypeError: it broke/);
  assert.equal(page.fail(new Error('a second failure')), null);
  assert.deepEqual([page.run.state, page.run.lines], ['failed', ['a line']]);
  assert.ok(FINISHED_STATES.includes(page.run.state));
  delete globalThis[PAGE_STATE_GLOBAL];
});

test('a line printed after the run finished is not part of the run', () => {
  const page = publishPageState();
  page.setState('running');
  page.addLine('during the run');
  page.setState('done');
  page.addLine('timer fired: a sleep the lesson left behind');
  assert.deepEqual(page.run.lines, ['during the run']);
  delete globalThis[PAGE_STATE_GLOBAL];
});

test('the driver side asks the page through the same global name', async () => {
  const asked = [];
  const page = {
    waitForFunction: async (predicate, argument) => asked.push(['wait', predicate(argument), argument]),
    evaluate: async (read, argument) => read(argument),
  };
  globalThis[PAGE_STATE_GLOBAL] = { state: 'done', lines: [] };
  await waitUntilFinished(page);
  assert.deepEqual(asked, [['wait', true, [PAGE_STATE_GLOBAL, FINISHED_STATES]]]);
  assert.equal((await readPageState(page)).state, 'done');
  delete globalThis[PAGE_STATE_GLOBAL];
});

function importMapOfScript(workbookPagePackages = undefined) {
  const inserted = [];
  const document = {
    createElement: () => ({}),
    currentScript: { src: 'https://example.org/workbook/lib/env/browser/import-map.js', after: (element) => inserted.push(element) },
  };
  const source = readFileSync(`${harnessDir}/lib/env/browser/import-map.js`, 'utf8');
  vm.runInNewContext(source, { document, JSON, Object, URL, workbookPagePackages });
  assert.equal(inserted.length, 1);
  assert.equal(inserted[0].type, 'importmap');
  return JSON.parse(inserted[0].textContent).imports;
}

test('the import map maps every QuickJS build, and every file it names exists', () => {
  const imports = importMapOfScript();
  for (const name of ['quickjs-emscripten-core', ...Object.values(QUICKJS_BUILDS)]) {
    assert.ok(imports[name], `${name} is mapped`);
  }
  for (const [specifier, url] of Object.entries(imports)) {
    // Under the site root that holds the script, whatever its path.
    assert.ok(url.startsWith('https://example.org/workbook/node_modules/'), specifier);
    const file = url.slice('https://example.org/workbook/'.length);
    assert.ok(existsSync(`${harnessDir}/${file}`), `${specifier} -> ${file} exists`);
  }
});

test('a page that names more packages first gets them mapped under the same site root', () => {
  const imports = importMapOfScript({ codemirror: 'dist/index.js', '@codemirror/view': 'dist/index.js' });
  assert.equal(imports.codemirror, 'https://example.org/workbook/node_modules/codemirror/dist/index.js');
  assert.equal(imports['@codemirror/view'], 'https://example.org/workbook/node_modules/@codemirror/view/dist/index.js');
  assert.ok(imports['quickjs-emscripten-core'], 'the host\'s own packages stay mapped');
});

test('both pages load the import map before their first module script, and hold no copy', () => {
  for (const page of ['host.html', 'bench.html']) {
    const html = readFileSync(`${harnessDir}/browser/${page}`, 'utf8');
    const mapAt = html.indexOf('<script src="../lib/env/browser/import-map.js"></script>');
    assert.ok(mapAt >= 0 && mapAt < html.indexOf('<script type="module"'), page);
    assert.ok(!html.includes('type="importmap"'), `${page} holds no import map of its own`);
  }
});

test('the playground names its editor packages, then loads the import map, before its first module script', () => {
  const html = readFileSync(`${harnessDir}/playground/index.html`, 'utf8');
  const packagesAt = html.indexOf('<script src="editor-packages.js"></script>');
  const mapAt = html.indexOf('<script src="../lib/env/browser/import-map.js"></script>');
  assert.ok(packagesAt >= 0 && packagesAt < mapAt && mapAt < html.indexOf('<script type="module"'));
  assert.ok(!/(?:src|href)="\//.test(html), 'every URL of the page is relative to it');
});

test('lines print in ticket order, whatever order threads deliver them in', async () => {
  const printed = [];
  const log = createLogSequencer((line) => printed.push(line));
  const workerTicket = () => Atomics.add(log.tickets, 0, 1);
  const first = workerTicket();
  const second = workerTicket();
  log.deliver(second, 'second');
  assert.deepEqual(printed, []);
  log.print('third');
  log.deliver(first, 'first');
  assert.deepEqual(printed, ['first', 'second', 'third']);
  await log.drain();
});
