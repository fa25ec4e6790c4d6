// The source chapter's DevTools walkthrough, driven over the DevTools protocol:
//   node devtools-walkthrough.mjs <chromium> <folder> <screenshots-folder>
// <folder> holds devtools-page/index.html beside the emscripten chapter's
// recorded sleep-twice build (sleep-twice.mjs, sleep-twice.wasm). Three
// breakpoints go into the instrumented wasm, as in the source chapter: the
// start of wasm_sleep, the `i32.const 12345` of the first printf, and the call
// to the `__asyncjs__timeout` import. Every pause is logged as one line of
// facts on stdout; at each, Chromium's own DevTools front end (served on the
// remote-debugging port, attached to the same page) is photographed.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { startServer } from '../chapters/atomics/dev_server.mjs';
import { CHROMIUM_FLAGS } from './chromium-flags.mjs';
import { findBreakpoints } from './devtools-wasm.mjs';

const [chromiumPath, folder, shots] = process.argv.slice(2);

// A hung browser must not hang the test that runs this: give up, and let
// playwright close Chromium as the process exits.
const TIME_LIMIT_MS = 180_000;
setTimeout(() => {
  console.error('walkthrough: gave up after ' + TIME_LIMIT_MS / 1000 + ' s');
  process.exit(3);
}, TIME_LIMIT_MS).unref();
const PAUSE_LIMIT = 12;

/** Resolves with the next `Debugger.paused` of `session`. */
function nextPause(session) {
  return new Promise((paused) => session.once('Debugger.paused', paused));
}

/** The properties of the remote object `objectId`, by name. */
async function properties(session, objectId) {
  const { result } = await session.send('Runtime.getProperties', { objectId, ownProperties: true });
  return new Map(result.map((entry) => [entry.name, entry.value]));
}

/** The value on top of the paused wasm frame's expression stack. */
async function stackTop(session, pause) {
  const scope = pause.callFrames[0].scopeChain.find((each) => each.type === 'wasm-expression-stack');
  if (!scope) return 'unknown: no expression stack';
  const { stack } = Object.fromEntries(await properties(session, scope.object.objectId));
  const entries = [...(await properties(session, stack.objectId))].filter(([name]) => /^\d+$/.test(name));
  const top = entries.at(-1)?.[1];
  if (!top) return 'unknown: the stack is empty';
  if (top.value !== undefined) return String(top.value);
  if (top.objectId) {
    const inner = Object.fromEntries(await properties(session, top.objectId));
    if (inner.value) return String(inner.value.value ?? inner.value.description);
  }
  return top.description;
}

async function openFrontEnd(context, port, targetUrl) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const target = targets.find((candidate) => candidate.url === targetUrl);
  const frontEnd = await context.newPage();
  await frontEnd.setViewportSize({ width: 1600, height: 900 });
  const url = `http://127.0.0.1:${port}/devtools/inspector.html?ws=127.0.0.1:${port}/devtools/page/${target.id}&panel=sources`;
  await frontEnd.goto(url);
  return frontEnd;
}

async function photograph(frontEnd, name) {
  if (!frontEnd) return;
  // The front end redraws on its own schedule after a pause: give it a moment.
  await frontEnd.waitForTimeout(1500);
  await frontEnd.screenshot({ path: path.join(shots, `${name}.png`) });
}

async function walkthrough(session, frontEnd, breakpoints) {
  const names = new Map();
  for (const [name, location] of Object.entries(breakpoints.locations)) {
    const { breakpointId, actualLocation } = await session.send('Debugger.setBreakpoint', { location });
    if (actualLocation.columnNumber !== location.columnNumber) {
      throw new Error(`breakpoint ${name} moved from ${location.columnNumber} to ${actualLocation.columnNumber}`);
    }
    names.set(breakpointId, name);
  }
  const printed = [];
  let finished;
  const allPrinted = new Promise((done) => {
    finished = done;
  });
  session.on('Runtime.consoleAPICalled', ({ args }) => {
    printed.push(args.map((arg) => arg.value).join(' '));
    if (printed.length === 2) finished(null);
  });
  const counts = { entry: 0, constant: 0, call: 0 };
  let pause = nextPause(session);
  await session.send('Runtime.evaluate', { expression: 'setTimeout(() => window.start(), 0)' });
  for (let step = 0; step < PAUSE_LIMIT; step += 1) {
    const paused = await Promise.race([pause, allPrinted]);
    if (!paused) break;
    const name = names.get(paused.hitBreakpoints?.[0]);
    counts[name] += 1;
    const label = `${name}-${counts[name]}`;
    await photograph(frontEnd, label);
    if (name === 'call') {
      pause = nextPause(session);
      await session.send('Debugger.stepOver');
      const top = await stackTop(session, await pause);
      console.log(`pause ${label}: stepped over the call to __asyncjs__timeout, which returned ${top}`);
      await photograph(frontEnd, `${label}-result`);
    } else {
      console.log(`pause ${label}: printed so far: ${JSON.stringify(printed)}`);
    }
    pause = nextPause(session);
    await session.send('Debugger.resume');
  }
  await allPrinted;
  console.log(`printed: ${JSON.stringify(printed)}`);
}

const profile = await mkdtemp(path.join(tmpdir(), 'workbook-devtools-'));
const server = await startServer(folder, 0);
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  args: [...CHROMIUM_FLAGS, '--remote-debugging-port=0', '--remote-allow-origins=*'],
});
try {
  const port = (await readFile(path.join(profile, 'DevToolsActivePort'), 'utf8')).split('\n')[0];
  const page = context.pages()[0] ?? (await context.newPage());
  const session = await context.newCDPSession(page);
  const scripts = [];
  session.on('Debugger.scriptParsed', (script) => scripts.push(script));
  await session.send('Runtime.enable');
  await session.send('Debugger.enable');
  const pageUrl = `${server.url}index.html`;
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.ready === true);
  const wasm = scripts.find((script) => script.url.endsWith('sleep-twice.wasm'));
  const { bytecode } = await session.send('Debugger.getScriptSource', { scriptId: wasm.scriptId });
  const breakpoints = findBreakpoints(Buffer.from(bytecode, 'base64'), wasm.scriptId);
  console.log(`wasm_sleep is function ${breakpoints.functionIndex}; __asyncjs__timeout is import ${breakpoints.importIndex}`);
  const frontEnd = shots ? await openFrontEnd(context, port, pageUrl) : null;
  await walkthrough(session, frontEnd, breakpoints);
} finally {
  await context.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}
