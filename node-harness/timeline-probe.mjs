// Opens the browser host page on one variant in headless Chromium and prints,
// as one JSON object, what its live timeline drew: the lanes in order, and
// every mark's lane, kind and times, its spans, legend, axis and cut notes (from
// data attributes, never pixels); then the same page with `&max-marks=3` in the
// book's `coal` theme, whose cut notes and root class it prints as `cut`.
//   node timeline-probe.mjs <host page URL> <chromium> <profile dir> [<png> <ms>]
// With <png> and <ms>, it also saves a screenshot of the page <ms> ms after
// the variant started, or, when <ms> is not a number, once a mark whose words
// contain it is drawn (a picture for the book; tests never look at it).
// Exit codes: 0 printed; 3 Chromium could not be driven or the page failed.
import { chromium } from 'playwright-core';

import { CHROMIUM_FLAGS } from './chromium-flags.mjs';
import { readPageState, waitUntilFinished, waitUntilStarted } from './lib/env/browser/page-state.mjs';

const [pageUrl, chromiumPath, profileDir, screenshotPath, screenshotAtText] = process.argv.slice(2);
if (!pageUrl || !chromiumPath || !profileDir) {
  console.error('usage: node timeline-probe.mjs <host page URL> <chromium> <profile dir> [<png> <ms>]');
  process.exit(2);
}

const context = await chromium
  .launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1000, height: 700 },
    args: CHROMIUM_FLAGS,
  })
  .catch((error) => {
    console.error(`could not start Chromium \`${chromiumPath}\`: ${error.message}`);
    process.exit(3);
  });

let code = 0;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pageUrl, { waitUntil: 'load' });
  await waitUntilStarted(page, { polling: 5 });
  if (screenshotPath) await screenshotAt(page, screenshotPath, screenshotAtText ?? '0');
  const drawn = await drawnWhenFinished(page);
  // The same run with room for 3 events and runs only, after the reader
  // picked the book's dark theme "coal": the page must say what it cut, in that theme.
  await page.evaluate(() => localStorage.setItem('mdbook-theme', 'coal'));
  await page.goto(`${pageUrl}&max-marks=3`, { waitUntil: 'load' });
  const { notes: cutNotes } = await drawnWhenFinished(page);
  const theme = await page.evaluate(() => document.documentElement.className);
  process.stdout.write(`${JSON.stringify({ ...drawn, cut: { notes: cutNotes, theme } })}\n`);
  if (drawn.state !== 'done') code = 3;
} catch (error) {
  console.error(`the page could not be driven: ${error.message}`);
  code = 3;
} finally {
  await context.close();
}
process.exit(code);

// What the timeline drew once the page finished: marks and spans (from their
// data attributes), the legend's kinds, the axis's ticks, and the notes a
// reader sees (those not hidden, with their words).
async function drawnWhenFinished(page) {
  await waitUntilFinished(page, { timeout: 30_000, polling: 25 });
  const { state, error } = await readPageState(page);
  const drawn = await page.evaluate(() => {
    const all = (selector) => [...document.querySelectorAll(`#timeline ${selector}`)];
    const visible = (element) => element.checkVisibility() && element.textContent.trim() !== '';
    return {
      lanes: all('.lane').map((lane) => lane.dataset.lane),
      marks: all('.mark').map((mark) => ({
        lane: mark.dataset.lane,
        kind: mark.dataset.kind,
        t: Number(mark.dataset.t),
        end: mark.dataset.end === undefined ? undefined : Number(mark.dataset.end),
        count: mark.dataset.count === undefined ? undefined : Number(mark.dataset.count),
        text: mark.title,
      })),
      spans: all('.span').map((span) => ({ lane: span.dataset.lane, kind: span.dataset.kind, t: Number(span.dataset.t), end: Number(span.dataset.end) })),
      legend: all('.legend-item').filter(visible).map((item) => item.dataset.kind),
      axis: all('.axis-tick').filter(visible).map((tick) => Number(tick.dataset.ms)),
      notes: all('.timeline-note').filter(visible).map((note) => ({ note: note.dataset.note, text: note.textContent })),
      chapterLink: all('.chapter-link').map((link) => link.getAttribute('href')),
    };
  });
  return { state, error, ...drawn };
}

// A screenshot `at` ms into the run, or once a mark with the words `at` is drawn.
async function screenshotAt(page, path, at) {
  if (Number.isFinite(Number(at))) {
    await page.waitForTimeout(Number(at));
  } else {
    const drawn = (words) => [...document.querySelectorAll('#timeline .mark')].some((mark) => mark.title.includes(words));
    await page.waitForFunction(drawn, at, { timeout: 30_000, polling: 5 });
  }
  await page.screenshot({ path, fullPage: true });
}
