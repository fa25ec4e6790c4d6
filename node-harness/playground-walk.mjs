// The learner's walk through callback-split in the playground, with a
// screenshot at each step (see playground-driver.mjs).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const EXERCISE = 'callback-split';
const RUN_TIMEOUT_MS = 60_000;

async function runAndRead(page) {
  await page.click('#run');
  await page.waitForFunction(() => ['pass', 'fail', 'error'].includes(document.getElementById('status').dataset.state), null, { timeout: RUN_TIMEOUT_MS });
  return page.evaluate(() => ({
    state: document.getElementById('status').dataset.state,
    status: document.getElementById('status').textContent,
    diff: document.getElementById('diff').hidden ? '' : document.getElementById('diff').textContent,
    solutionShown: !document.getElementById('solution').hidden,
  }));
}

/** Opens the exercise, runs the starter, types the solution in, runs again. */
export async function walk(page, origin, screenshots, openPlayground) {
  await openPlayground(page, origin, `/playground/?exercise=${EXERCISE}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForFunction(() => document.body?.dataset.ready === 'yes');
  await page.screenshot({ path: join(screenshots, 'playground-1-starter.png'), fullPage: true });
  const starter = await runAndRead(page);
  await page.screenshot({ path: join(screenshots, 'playground-2-starter-fails.png'), fullPage: true });
  const fix = await readFile(new URL(`../chapters/callback/exercises/${EXERCISE}/solution/add_later.wat`, import.meta.url), 'utf8');
  const editor = page.locator('#editors textarea');
  await editor.fill('');
  await editor.pressSequentially(fix, { delay: 0 });
  const solved = await runAndRead(page);
  await page.screenshot({ path: join(screenshots, 'playground-3-solution-passes.png'), fullPage: true });
  return { starter, solved };
}
