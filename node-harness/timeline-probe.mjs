// Opens the browser host page on one variant in headless Chromium and prints,
// as one JSON object, what its live timeline drew: the lanes in order, and
// every mark's lane, kind and time (from the data attributes, never pixels).
//   node timeline-probe.mjs <host page URL> <chromium> <profile dir> [<png> <ms>]
// With <png> and <ms>, it also saves a screenshot of the page <ms> ms after
// the variant started (a picture for the book; tests never look at it).
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
  if (screenshotPath) {
    await page.waitForTimeout(Number(screenshotAtText ?? 0));
    await page.screenshot({ path: screenshotPath, fullPage: true });
  }
  await waitUntilFinished(page, { timeout: 30_000, polling: 25 });
  const { state, error } = await readPageState(page);
  const drawn = await page.evaluate(() => ({
    lanes: [...document.querySelectorAll('#timeline .lane')].map((lane) => lane.dataset.lane),
    marks: [...document.querySelectorAll('#timeline .mark')].map((mark) => ({
      lane: mark.dataset.lane,
      kind: mark.dataset.kind,
      t: Number(mark.dataset.t),
      text: mark.title,
    })),
  }));
  process.stdout.write(`${JSON.stringify({ state, error, ...drawn })}\n`);
  if (state !== 'done') code = 3;
} catch (error) {
  console.error(`the page could not be driven: ${error.message}`);
  code = 3;
} finally {
  await context.close();
}
process.exit(code);
