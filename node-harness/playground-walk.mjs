// The learner's walk through callback-split in the playground, with a
// screenshot at each step (see playground-driver.mjs).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const EXERCISE = 'callback-split';
const RUN_TIMEOUT_MS = 60_000;
const TYPED_LINE = ';; fixed in the playground';

/** Runs (by the Run button, or by `keys` pressed in the focused editor) and reads the verdict. */
async function runAndRead(page, keys = null) {
  if (keys) await page.keyboard.press(keys);
  else await page.click('#run');
  await page.waitForFunction(() => ['pass', 'fail', 'error'].includes(document.getElementById('status').dataset.state), null, { timeout: RUN_TIMEOUT_MS });
  return page.evaluate(() => ({
    state: document.getElementById('status').dataset.state,
    status: document.getElementById('status').textContent,
    diff: document.getElementById('diff').hidden ? '' : document.getElementById('diff').textContent,
    solutionShown: !document.getElementById('solution').hidden,
  }));
}

/** The page's theme and the editor's background colour. */
function themeShown(page) {
  return page.evaluate(() => ({
    theme: document.documentElement.dataset.theme,
    editorBackground: getComputedStyle(document.querySelector('#editors .cm-editor')).backgroundColor,
  }));
}

/** Opens the exercise, runs the starter, puts the solution in, types a line, runs again by the keyboard. */
export async function walk(page, origin, screenshots, openPlayground) {
  await openPlayground(page, origin, `/playground/?exercise=${EXERCISE}`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForFunction(() => document.body?.dataset.ready === 'yes');
  await page.screenshot({ path: join(screenshots, 'playground-1-starter.png'), fullPage: true });
  const starter = await runAndRead(page);
  await page.screenshot({ path: join(screenshots, 'playground-2-starter-fails.png'), fullPage: true });
  const fix = await readFile(new URL(`../chapters/callback/exercises/${EXERCISE}/solution/add_later.wat`, import.meta.url), 'utf8');
  // The fix goes in through the page's hook (typing a whole module into an
  // editor that closes brackets and indents would change it); one line is typed
  // for real, and Ctrl-Enter in the editor runs it.
  await page.evaluate((text) => globalThis.workbookPlayground.edit('add_later.wat', text), fix);
  await page.click('#editors .cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(TYPED_LINE);
  const typed = await page.evaluate(() => globalThis.workbookPlayground.editorText('add_later.wat'));
  const solved = { ...(await runAndRead(page, 'Control+Enter')), typedLineKept: typed === `${fix}${TYPED_LINE}` };
  await page.screenshot({ path: join(screenshots, 'playground-3-solution-passes.png'), fullPage: true });
  const light = await themeShown(page);
  // The reader picks a dark theme in the book (mdBook keeps it in localStorage).
  await page.evaluate(() => localStorage.setItem('mdbook-theme', 'coal'));
  await page.reload();
  await page.waitForFunction(() => document.body?.dataset.ready === 'yes');
  const dark = await themeShown(page);
  await page.screenshot({ path: join(screenshots, 'playground-4-dark-theme.png') });
  // Reset puts the starter back in a new editor.
  const starterFiles = await page.evaluate((exercise) => globalThis.workbookPlayground.files(exercise, 'starter'), EXERCISE);
  await page.click('#reset');
  const resetRestoredStarter = await page.waitForFunction(
    (expected) => Object.entries(expected).every(([file, text]) => globalThis.workbookPlayground.editorText(file) === text),
    starterFiles,
    { timeout: RUN_TIMEOUT_MS },
  ).then(() => true, () => false);
  return { starter, solved, themes: { light, dark }, resetRestoredStarter };
}
