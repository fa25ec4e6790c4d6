// Opens every page of a built mdBook in headless Chromium at 1280 px, in the
// light and the dark theme, and prints as one JSON object what does not fit:
// a page that scrolls sideways, a figure, table or image wider than the
// content column, a text drawing (a code block of box-drawing lines) that
// scrolls inside its block. Code listings may scroll inside their block.
//   node layout-probe.mjs <book dir> <chromium> <profile dir>
// Exit codes: 0 printed; 3 Chromium could not be driven.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

import { CHROMIUM_FLAGS } from './chromium-flags.mjs';

const [bookDir, chromiumPath, profileDir] = process.argv.slice(2);
if (!bookDir || !chromiumPath || !profileDir) {
  console.error('usage: node layout-probe.mjs <book dir> <chromium> <profile dir>');
  process.exit(2);
}

// print.html repeats every page; 404.html and toc.html are mdBook's own.
const SKIPPED = new Set(['print.html', '404.html', 'toc.html']);

function pages(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['css', 'fonts', 'FontAwesome'].includes(entry.name) ? [] : pages(path);
    return entry.name.endsWith('.html') && !SKIPPED.has(entry.name) ? [path] : [];
  });
}

// Runs in the page: what sticks out of the content column.
function measure() {
  const problems = [];
  const main = document.querySelector('main');
  if (!main) return problems; // a page of its own (run-in-browser.html), not a book page
  const column = main.getBoundingClientRect();
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} px`);
  }
  for (const element of document.querySelectorAll('main svg, main table, main img')) {
    const box = element.getBoundingClientRect();
    if (box.right > column.right + 1 || box.width > column.width + 1) {
      const name = element.tagName.toLowerCase();
      problems.push(`a ${name} is ${Math.round(box.width)} px wide in a ${Math.round(column.width)} px column`);
    }
  }
  for (const block of document.querySelectorAll('main pre')) {
    if (block.textContent.includes('│') && block.scrollWidth > block.clientWidth + 1) {
      problems.push(`a text drawing needs ${block.scrollWidth} px in a ${block.clientWidth} px block`);
    }
  }
  return problems;
}

const context = await chromium
  .launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: CHROMIUM_FLAGS,
  })
  .catch((error) => {
    console.error(`could not start Chromium \`${chromiumPath}\`: ${error.message}`);
    process.exit(3);
  });

const found = [];
let checked = 0;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  for (const file of pages(bookDir)) {
    for (const theme of ['light', 'navy']) {
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      await page.evaluate((name) => {
        document.documentElement.className = document.documentElement.className.replace(/\b(light|navy)\b/g, name);
      }, theme);
      checked += 1;
      for (const problem of await page.evaluate(measure)) {
        found.push(`${relative(bookDir, file)} (${theme}): ${problem}`);
      }
    }
  }
} catch (error) {
  console.error(`the book could not be checked: ${error.message}`);
  await context.close();
  process.exit(3);
}
await context.close();
process.stdout.write(`${JSON.stringify({ checked, problems: found })}\n`);
