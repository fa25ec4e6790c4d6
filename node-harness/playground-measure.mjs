// Measures the live book's playground (a benchmark, not a test):
//   the bytes fetched before the first Run, as sent and gzip-compressed;
//   Run→verdict for a WAT exercise and a JavaScript one, cold (first Run in a
//   fresh browser context) and warm (the median of later Runs in the same page).
// Each request is counted once, by its path, from the files of the site.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const EXERCISES = { wat: 'callback-split', js: 'interop-utf8' };
const WARM_RUNS = 5;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timedRun(page, name) {
  return page.evaluate(async (exercise) => {
    const api = globalThis.workbookPlayground;
    const files = await api.files(exercise, 'solution');
    const start = performance.now();
    const { status } = await api.run(exercise, files);
    return { status, ms: performance.now() - start };
  }, name);
}

function bytesOf(site, paths) {
  let raw = 0;
  let gzip = 0;
  for (const path of paths) {
    const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
    if (!existsSync(file)) continue; // a 404, such as the browser's favicon
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: [...paths].length, raw, gzip };
}

function folderBytes(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((total, entry) => {
    const path = join(dir, entry.name);
    return total + (entry.isDirectory() ? folderBytes(path) : statSync(path).size);
  }, 0);
}

async function beforeFirstRun(browser, origin, site, openPlayground) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const paths = new Set();
  context.on('request', (request) => {
    // `origin` is the site's root, which may be a project path such as /workbook.
    if (!request.url().startsWith(`${origin}/`)) return;
    paths.add(decodeURIComponent(new URL(request.url()).pathname.slice(new URL(origin).pathname.length)));
  });
  await openPlayground(page, origin, `/playground/?exercise=${EXERCISES.wat}`);
  await context.close();
  return bytesOf(site, paths);
}

async function runTimes(browser, origin, openPlayground, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openPlayground(page, origin, `/playground/?exercise=${name}`);
  const cold = await timedRun(page, name);
  const warm = [];
  for (let run = 0; run < WARM_RUNS; run += 1) warm.push(await timedRun(page, name));
  await context.close();
  const failed = [cold, ...warm].filter((run) => run.status !== 'pass');
  if (failed.length > 0) throw new Error(`${name}'s solution did not pass while measured`);
  return { exercise: name, coldMs: Math.round(cold.ms), warmMedianMs: Math.round(median(warm.map((run) => run.ms))), warmRuns: WARM_RUNS };
}

/** Every measurement, as one object. */
export async function measure(browser, origin, site, openPlayground) {
  return {
    siteBytes: folderBytes(site),
    beforeFirstRun: await beforeFirstRun(browser, origin, site, openPlayground),
    wat: await runTimes(browser, origin, openPlayground, EXERCISES.wat),
    js: await runTimes(browser, origin, openPlayground, EXERCISES.js),
  };
}

/** The measurements as the Markdown table the book's playground page includes. */
export function measuredTable(result, machine) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const { beforeFirstRun: before, wat, js } = result;
  return [
    `Measured by \`node node-harness/playground-driver.mjs /usr/bin/chromium <site> measure <this file>\` on ${machine}.`,
    '',
    '| what | measured | target |',
    '|------|----------|--------|',
    `| fetched before the first Run (${before.files} files) | ${kb(before.gzip)} gzip-compressed, ${kb(before.raw)} as sent | at most 2 MB compressed |`,
    `| Run→verdict, WAT (\`${wat.exercise}\`), cold | ${wat.coldMs} ms | |`,
    `| Run→verdict, WAT (\`${wat.exercise}\`), warm (median of ${wat.warmRuns}) | ${wat.warmMedianMs} ms | at most 1 s |`,
    `| Run→verdict, JavaScript (\`${js.exercise}\`), cold | ${js.coldMs} ms | |`,
    `| Run→verdict, JavaScript (\`${js.exercise}\`), warm (median of ${js.warmRuns}) | ${js.warmMedianMs} ms | |`,
    `| the whole site | ${(result.siteBytes / 1024 / 1024).toFixed(1)} MiB | |`,
    '',
  ].join('\n');
}
