// Runs one chapter harness in a browser page: host.html?chapter=<name>&variant=<name>.
// Without a variant it lists the chapter's variants; without a chapter, the chapters.
// For automation the page keeps its state in `globalThis.workbookRun`
// (see ../lib/env/browser/page-state.mjs), and a driver may run further
// variants in the same page through `globalThis.workbookHost.start(search)`
// while ../lib/env/browser/page-reuse.mjs finds the page as it was loaded.
import { browserPageEnvironment, siteUrl } from '../lib/env/browser/env.mjs';
import { createReuseGuard } from '../lib/env/browser/page-reuse.mjs';
import { PAGE_HOST_GLOBAL, publishPageState } from '../lib/env/browser/page-state.mjs';
import { createSession } from '../lib/env/session.mjs';
import { DETAIL_PREFIX } from '../lib/host/host.mjs';
import { parseTraceLine } from '../lib/trace/tracer.mjs';
import { followBookTheme } from './theme.mjs';
import { createTimeline } from './timeline.mjs';

followBookTheme();

const element = (id) => document.getElementById(id);
const PLUMBING = [new URL('./', import.meta.url).href];

// One run of the page: its state object, its log and its listeners. A run
// that ended cannot write into the next one's state.
function createPageRun() {
  const page = publishPageState();
  const listeners = new AbortController();
  let timeline = null; // the live timeline, once a variant runs
  const setState = (state, text) => {
    page.setState(state);
    element('status').dataset.state = state;
    element('status').textContent = text;
  };
  return {
    page,
    setState,
    listen: (type, listener) => addEventListener(type, listener, { signal: listeners.signal }),
    stopListening: () => listeners.abort(),
    startTimeline: (options) => {
      timeline = createTimeline(element('timeline'), options);
      return timeline;
    },
    fail(error) {
      const text = page.fail(error, PLUMBING);
      if (text === null) return;
      element('error').hidden = false;
      element('error').textContent = `the harness failed: ${text}`;
      setState('failed', 'failed: the harness threw, or the module trapped');
    },
    print(line) {
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
    },
  };
}

function showIsolation(run) {
  if (run.page.run.crossOriginIsolated) return;
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

// The page's environment, with every worker it starts counted by `guard`.
function countedEnvironment(chapter, guard) {
  const env = browserPageEnvironment(chapter);
  return {
    ...env,
    spawnWorker: (options) => {
      guard.countWorker();
      return env.spawnWorker(options);
    },
  };
}

// `?max-marks=N` draws at most N events and runs (a test sees the cut note with it).
function maxMarksAsked(params) {
  const asked = Number(params.get('max-marks'));
  return Number.isInteger(asked) && asked > 0 ? asked : undefined;
}

// What a run without a live timeline (`?timeline=off`, as the runner's engine asks) draws.
const NO_TIMELINE = { add() {}, finish() {} };

async function runVariant(run, chapter, variant, { guard, maxGroups, drawTimeline }) {
  run.setState('running', `running ${chapter.name} / ${variant.name}…`);
  const timeline = drawTimeline ? run.startTimeline({ chapter: chapter.name, maxGroups }) : NO_TIMELINE;
  const session = createSession(countedEnvironment(chapter.name, guard), {
    print: run.print,
    live: (event) => timeline.add(event),
    onWorkerFailure: (error) => failAndFlush(error),
  });
  const failAndFlush = (error) => {
    session.flush();
    timeline.finish();
    run.fail(error);
  };
  run.listen('error', (event) => {
    if (session.takeUncaught(event.error ?? event.message)) event.preventDefault();
    else failAndFlush(event.error ?? event.message);
  });
  run.listen('unhandledrejection', (event) => {
    if (session.takeUncaught(event.reason)) event.preventDefault();
    else failAndFlush(event.reason);
  });
  const url = harnessUrl(chapter, variant);
  try {
    if (!guard.claimHarness(url)) throw new Error(`this page ran ${url} already: run it in a fresh page`);
    await session.runHarness(await import(url), url);
  } catch (error) {
    failAndFlush(error);
    return;
  }
  await session.finish();
  timeline.finish();
  if (run.page.run.state === 'running') run.setState('done', `done: ${chapter.name} / ${variant.name} finished`);
}

// The served chapters, fetched once per page: the server's list does not change while it runs.
let chaptersFetched = null;
function servedChapters() {
  const url = siteUrl('chapters.json');
  chaptersFetched ??= fetch(url).then((response) => {
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return response.json();
  });
  return chaptersFetched;
}

function harnessUrl(chapter, variant) {
  return siteUrl(`chapters/${encodeURIComponent(chapter.name)}/${variant.harness}`);
}

async function main(run, params, guard) {
  showIsolation(run);
  const chapters = await servedChapters();
  const chapterName = params.get('chapter');
  if (!chapterName) {
    listLinks('Chapters', chapters.map((chapter) => ({
      href: `?chapter=${encodeURIComponent(chapter.name)}`,
      label: chapter.name,
      note: chapter.title,
    })));
    run.setState('listed', 'pick a chapter');
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
    run.setState('listed', 'pick a variant to run');
    return;
  }
  const variant = chapter.variants.find((candidate) => candidate.name === variantName);
  if (!variant) throw new Error(`chapter "${chapter.name}" has no variant "${variantName}"`);
  element('summary').textContent = `${variant.name}: ${browserNote(variant)}`;
  if (variant.browser?.run === false) {
    run.setState('not-run', `not run in a browser: ${variant.browser.reason}`);
    return;
  }
  await runVariant(run, chapter, variant, {
    guard,
    maxGroups: maxMarksAsked(params),
    drawTimeline: params.get('timeline') !== 'off',
  });
}

// The page as it was loaded, before a run in place.
function clearPage() {
  element('title').textContent = 'Browser host';
  element('summary').textContent = '';
  element('status').textContent = 'loading…';
  delete element('status').dataset.state;
  for (const id of ['choices', 'log', 'error', 'timeline']) element(id).replaceChildren();
  element('error').hidden = true;
  element('timeline').hidden = true;
}

const guard = createReuseGuard();
let current = createPageRun();
main(current, new URLSearchParams(location.search), guard).catch(current.fail);

// The harness `params` name, when this page imported it already (a module
// runs its top level once per page), so that it must run in a fresh page.
async function importedAlready(params) {
  const chapter = (await servedChapters()).find((candidate) => candidate.name === params.get('chapter'));
  const variant = chapter?.variants.find((candidate) => candidate.name === params.get('variant'));
  return variant !== undefined && guard.imported(harnessUrl(chapter, variant));
}

globalThis[PAGE_HOST_GLOBAL] = {
  /**
   * Runs `host.html<search>` in this page, as a navigation there would, and
   * resolves to true once it started; to false, running nothing, when the
   * page imported that harness already.
   */
  async start(search) {
    const params = new URLSearchParams(search);
    if (await importedAlready(params)) return false;
    current.stopListening();
    clearPage();
    current = createPageRun();
    main(current, params, guard).catch(current.fail);
    return true;
  },
  /** Why this page may not run another variant, or null when it may. */
  whyNotReusable: () => guard.whyNotReusable(),
};
