// Runs one chapter harness in a browser page: host.html?chapter=<name>&variant=<name>.
// Without a variant it lists the chapter's variants; without a chapter, the chapters.
// For automation the page keeps its state in `globalThis.workbookRun`
// (see ../lib/env/browser/page-state.mjs).
import { browserPageEnvironment, siteUrl } from '../lib/env/browser/env.mjs';
import { publishPageState } from '../lib/env/browser/page-state.mjs';
import { createSession } from '../lib/env/session.mjs';
import { DETAIL_PREFIX } from '../lib/host/host.mjs';
import { parseTraceLine } from '../lib/trace/tracer.mjs';
import { followBookTheme } from './theme.mjs';
import { createTimeline } from './timeline.mjs';

followBookTheme();
const page = publishPageState();

const element = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let timeline = null; // the live timeline, once a variant runs

function setState(state, text) {
  page.setState(state);
  element('status').dataset.state = state;
  element('status').textContent = text;
}

function fail(error) {
  const text = page.fail(error, [new URL('./', import.meta.url).href]);
  if (text === null) return;
  element('error').hidden = false;
  element('error').textContent = `the harness failed: ${text}`;
  setState('failed', 'failed: the harness threw, or the module trapped');
}

function print(line) {
  page.addLine(line);
  const event = parseTraceLine(line);
  if (event) {
    timeline?.add(event); // drawn on the timeline, not shown in the log
    return;
  }
  const span = document.createElement('span');
  if (line.startsWith(DETAIL_PREFIX)) span.className = 'detail';
  span.textContent = `${line}\n`;
  element('log').append(span);
}

function showIsolation() {
  if (page.run.crossOriginIsolated) return;
  element('isolation').hidden = false;
  element('isolation').textContent =
    'This page is not cross-origin isolated, so SharedArrayBuffer and Atomics.wait in workers ' +
    'are unavailable. A page is isolated only when it is served with the headers ' +
    'Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, ' +
    'as runner serve does unless it is started with --no-isolation.';
}

function listLinks(heading, entries) {
  const list = document.createElement('ul');
  for (const { href, label, note } of entries) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = href;
    link.textContent = label;
    item.append(link, `: ${note}`);
    list.append(item);
  }
  element('choices').replaceChildren(Object.assign(document.createElement('h2'), { textContent: heading }), list);
}

function browserNote(variant) {
  const browser = variant.browser;
  if (!browser) return variant.summary;
  const how = browser.run === false ? 'not run in a browser' : 'its browser log differs';
  return `${variant.summary} (${how}: ${browser.reason})`;
}

// `?max-marks=N` draws at most N events and runs (a test sees the cut note with it).
function maxMarksAsked() {
  const asked = Number(params.get('max-marks'));
  return Number.isInteger(asked) && asked > 0 ? asked : undefined;
}

async function runVariant(chapter, variant) {
  setState('running', `running ${chapter.name} / ${variant.name}…`);
  timeline = createTimeline(element('timeline'), { chapter: chapter.name, maxGroups: maxMarksAsked() });
  const session = createSession(browserPageEnvironment(chapter.name), {
    print,
    live: (event) => timeline.add(event),
    onWorkerFailure: (error) => failAndFlush(error),
  });
  const failAndFlush = (error) => {
    session.flush();
    timeline.finish();
    fail(error);
  };
  addEventListener('error', (event) => {
    if (session.takeUncaught(event.error ?? event.message)) event.preventDefault();
    else failAndFlush(event.error ?? event.message);
  });
  addEventListener('unhandledrejection', (event) => {
    if (session.takeUncaught(event.reason)) event.preventDefault();
    else failAndFlush(event.reason);
  });
  const url = siteUrl(`chapters/${encodeURIComponent(chapter.name)}/${variant.harness}`);
  try {
    await session.runHarness(await import(url), url);
  } catch (error) {
    failAndFlush(error);
    return;
  }
  await session.finish();
  timeline.finish();
  if (page.run.state === 'running') setState('done', `done: ${chapter.name} / ${variant.name} finished`);
}

async function main() {
  showIsolation();
  const response = await fetch(siteUrl('chapters.json'));
  if (!response.ok) throw new Error(`GET ${siteUrl('chapters.json')} answered ${response.status}`);
  const chapters = await response.json();
  const chapterName = params.get('chapter');
  if (!chapterName) {
    listLinks('Chapters', chapters.map((chapter) => ({
      href: `?chapter=${encodeURIComponent(chapter.name)}`,
      label: chapter.name,
      note: chapter.title,
    })));
    setState('listed', 'pick a chapter');
    return;
  }
  const chapter = chapters.find((candidate) => candidate.name === chapterName);
  if (!chapter) throw new Error(`chapter "${chapterName}" is not served here`);
  element('title').textContent = chapter.title;
  element('summary').textContent = chapter.summary;
  document.title = `${chapter.name}: workbook browser host`;
  const variantName = params.get('variant');
  if (!variantName) {
    listLinks('Variants: each link runs one in this page', chapter.variants.map((variant) => ({
      href: `?chapter=${encodeURIComponent(chapter.name)}&variant=${encodeURIComponent(variant.name)}`,
      label: variant.name,
      note: browserNote(variant),
    })));
    setState('listed', 'pick a variant to run');
    return;
  }
  const variant = chapter.variants.find((candidate) => candidate.name === variantName);
  if (!variant) throw new Error(`chapter "${chapter.name}" has no variant "${variantName}"`);
  element('summary').textContent = `${variant.name}: ${browserNote(variant)}`;
  if (variant.browser?.run === false) {
    setState('not-run', `not run in a browser: ${variant.browser.reason}`);
    return;
  }
  await runVariant(chapter, variant);
}

main().catch(fail);
