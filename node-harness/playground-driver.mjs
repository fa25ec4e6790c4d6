// Drives the live book's playground in headless Chromium, against the built
// site served by a plain static server that sends NO COOP/COEP headers, under
// a project path (/workbook/, as GitHub Pages serves /<repo>/) unless
// WORKBOOK_SITE_PREFIX=/ says to serve it at the root, as runner serve does:
//   node playground-driver.mjs <chromium> <site folder> parity
//   node playground-driver.mjs <chromium> <site folder> walk <screenshots folder>
//   node playground-driver.mjs <chromium> <site folder> measure [table.md] [machine description]
//   node playground-driver.mjs <chromium> <site folder> follow <book page, relative to the site>
// parity: every exercise the page can run, starter then solution, through
//   `globalThis.workbookPlayground.run`, then every chapter variant it can
//   rebuild, through `runVariant`, then the first of those on the host page
//   (host/host.html, as the book's "Run in the browser" opens it); prints one JSON object.
// measure: bytes before the first Run and Run→verdict times (playground-measure.mjs).
// follow: from a chapter page of the book, follow its first exercise link and
//   its first variant link into the playground, and say what each opened.
// walk: a learner's walk through callback-split (starter fails, the fix is
//   typed into the editor, it passes), with a screenshot at each step.
// Exit codes: 0 done (the JSON says what passed), 3 the browser or the server failed.
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

import { CHROMIUM_FLAGS } from './chromium-flags.mjs';
import { readPageState, waitUntilFinished } from './lib/env/browser/page-state.mjs';
import { measure, measuredTable } from './playground-measure.mjs';
import { walk } from './playground-walk.mjs';

// The mode's argument: the screenshots folder (walk), the table file (measure), the book page (follow).
const [chromiumPath, siteArg, mode = 'parity', modeArgument] = process.argv.slice(2);
if (!chromiumPath || !siteArg) {
  console.error('usage: node playground-driver.mjs <chromium> <site folder> parity|walk|measure|follow [screenshots folder | table.md | book page]');
  process.exit(2);
}
const site = resolve(siteArg);
const SITE_PREFIX = process.env.WORKBOOK_SITE_PREFIX ?? '/workbook/';
const READY_TIMEOUT_MS = 60_000;
// Requests the pages made outside the prefix: each one is a URL that is absolute
// where it must be relative to the site. Chromium asks for /favicon.ico by itself.
const outsidePrefix = new Set();
const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.log': 'text/plain; charset=utf-8',
};

/** A static server as any plain host is: files only, no isolation headers. */
function startStaticServer() {
  const server = createServer((request, response) => {
    const requested = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    if (!`${requested}/`.startsWith(SITE_PREFIX)) {
      if (requested !== '/favicon.ico') outsidePrefix.add(requested);
      return response.writeHead(404).end('not found: outside the site');
    }
    const path = `/${requested.slice(SITE_PREFIX.length)}`;
    let file = resolve(join(site, path));
    if (file !== site && !file.startsWith(site + sep)) return response.writeHead(404).end();
    try {
      if (statSync(file).isDirectory()) {
        if (!requested.endsWith('/')) return response.writeHead(301, { location: `${requested}/` }).end();
        file = join(file, 'index.html');
      }
      statSync(file);
    } catch {
      return response.writeHead(404).end('not found');
    }
    response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** Opens `path` and waits for the playground to be ready and isolated (the service worker reloads once). */
export async function openPlayground(page, origin, path) {
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(
    () => globalThis.crossOriginIsolated && document.body?.dataset.ready === 'yes',
    null,
    { timeout: READY_TIMEOUT_MS },
  );
}

/**
 * The first chapter variant the playground runs, run on the host page instead
 * (host/host.html), in a context of its own: a first visit, which the service
 * worker must make cross-origin isolated (as the atomics chapter needs) after one reload.
 */
async function hostPageRun(browser, origin, variants) {
  const [chapter, variant] = variants[0].name.split('/');
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/host/host.html?chapter=${encodeURIComponent(chapter)}&variant=${encodeURIComponent(variant)}`);
    const crossOriginIsolated = await page
      .waitForFunction(() => globalThis.crossOriginIsolated, null, { timeout: READY_TIMEOUT_MS })
      .then(() => true, () => false);
    await waitUntilFinished(page, { timeout: READY_TIMEOUT_MS });
    const { state } = await readPageState(page);
    return { name: variants[0].name, state, crossOriginIsolated };
  } finally {
    await context.close();
  }
}

async function parity(page, origin) {
  await openPlayground(page, origin, '/playground/');
  const report = await paritySession(page);
  return { ...report, hostPage: await hostPageRun(page.context().browser(), origin, report.variants) };
}

function paritySession(page) {
  return page.evaluate(async () => {
    const api = globalThis.workbookPlayground;
    const listed = await (await fetch('../exercises.json')).json();
    const results = [];
    for (const name of api.exercises()) {
      const starter = await api.run(name, await api.files(name, 'starter'));
      const solution = await api.run(name, await api.files(name, 'solution'));
      results.push({ name, starter, solution });
    }
    const variants = [];
    for (const name of api.variants()) variants.push({ name, ...(await api.runVariant(name)) });
    return {
      crossOriginIsolated: globalThis.crossOriginIsolated,
      exercises: results,
      variants,
      unavailable: listed.filter((exercise) => exercise.unavailable).map(({ name, unavailable }) => ({ name, reason: unavailable })),
    };
  });
}

/** Clicks the first playground link of `kind` on the book page and reads what opens. */
async function followLink(page, origin, bookPage, kind) {
  await page.goto(`${origin}/${bookPage}`);
  await page.click(`.playground-link a[href*="?${kind}="]`);
  await page.waitForFunction(
    () => globalThis.crossOriginIsolated && document.body?.dataset.ready === 'yes',
    null,
    { timeout: READY_TIMEOUT_MS },
  );
  return page.evaluate(() => ({
    path: location.pathname + location.search,
    title: document.getElementById('title').textContent,
    editors: document.querySelectorAll('#editors [data-file]').length,
  }));
}

async function follow(page, origin, bookPage) {
  return { exercise: await followLink(page, origin, bookPage, 'exercise'), variant: await followLink(page, origin, bookPage, 'variant') };
}

const server = await startStaticServer();
// Where the site's root is: every path the modes open is relative to it.
const origin = `http://127.0.0.1:${server.address().port}${SITE_PREFIX.replace(/\/$/, '')}`;
let browser;
try {
  const playwright = await import('playwright-core');
  browser = await playwright.chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS });
  const page = await (await browser.newContext()).newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  const modes = {
    walk: () => walk(page, origin, modeArgument, openPlayground),
    measure: async () => {
      const measured = await measure(browser, origin, site, openPlayground);
      if (modeArgument) writeFileSync(modeArgument, measuredTable(measured, process.argv[6] ?? 'this machine'));
      return measured;
    },
    parity: () => parity(page, origin),
    follow: () => follow(page, origin, modeArgument),
  };
  const result = await modes[mode]();
  console.log(JSON.stringify({ ...result, pageErrors, sitePrefix: SITE_PREFIX, outsidePrefix: [...outsidePrefix] }));
} catch (error) {
  console.error(`playground driver: ${error?.stack ?? error}`);
  process.exitCode = 3;
} finally {
  await browser?.close();
  server.close();
}
