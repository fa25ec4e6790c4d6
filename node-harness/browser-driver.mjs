// Runs one chapter harness in headless Chromium, through playwright-core:
//   node browser-driver.mjs <host page URL> <time limit ms> <chromium> <profile dir>
// The page (browser/host.html, served by the runner) runs the harness; this
// script waits for it and prints its log on stdout, exactly as node-host.mjs
// does. Notes for people go to stderr. Exit codes:
//   0  the harness finished          1  the harness threw or the module trapped
//   3  Chromium or playwright-core could not be started, or the page ran nothing
//   4  the harness did not finish within the time limit
import { CHROMIUM_FLAGS } from './chromium-flags.mjs';

const [pageUrl, limitText, chromiumPath, profileDir] = process.argv.slice(2);
const timeLimitMs = Number(limitText);
if (!pageUrl || !Number.isFinite(timeLimitMs) || !chromiumPath || !profileDir) {
  console.error('usage: node browser-driver.mjs <host page URL> <time limit ms> <chromium> <profile dir>');
  process.exit(2);
}

const LAUNCH_TIMEOUT_MS = 30_000;
const FINISHED_STATES = ['done', 'failed', 'not-run', 'listed'];

let playwright;
try {
  playwright = await import('playwright-core');
} catch (error) {
  console.error(
    `playwright-core is not installed in node-harness (\`npm ci\` in node-harness installs the pinned version): ${error.message}`,
  );
  process.exit(3);
}

let context;
try {
  context = await playwright.chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: LAUNCH_TIMEOUT_MS,
  });
} catch (error) {
  console.error(`could not start Chromium \`${chromiumPath}\`: ${error.message}`);
  process.exit(3);
}

const finish = async (code) => {
  await Promise.race([context.close(), delay(5000)]);
  process.exit(code);
};

const page = context.pages()[0] ?? (await context.newPage());
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(String(error?.stack ?? error)));
page.on('crash', () => pageErrors.push('the page crashed'));

const outcome = await Promise.race([
  page
    .goto(pageUrl, { waitUntil: 'load', timeout: 0 })
    .then(() =>
      page.waitForFunction(
        (states) => states.includes(globalThis.workbookRun?.state),
        FINISHED_STATES,
        { timeout: 0, polling: 25 },
      ),
    )
    .then(() => 'finished', (error) => `the page could not be driven: ${error.message}`),
  delay(timeLimitMs).then(() => 'timed out'),
]);

// A page that is still busy may never answer; then there is nothing to print.
const run = await Promise.race([
  page.evaluate(() => globalThis.workbookRun).catch(() => null),
  delay(1000).then(() => null),
]);
for (const line of run?.lines ?? []) process.stdout.write(`${line}\n`);

const version = context.browser()?.version() ?? 'unknown version';
console.error(`Chromium ${version}: crossOriginIsolated = ${run?.crossOriginIsolated ?? 'unknown'}`);
if (run && !run.crossOriginIsolated) {
  console.error(
    'the page is not cross-origin isolated: it was served without Cross-Origin-Opener-Policy: same-origin ' +
      'and Cross-Origin-Embedder-Policy: require-corp, so SharedArrayBuffer is unavailable and workers cannot share memory',
  );
}
for (const error of pageErrors) console.error(`page error: ${error}`);

if (outcome === 'timed out') {
  console.error(`timed out after ${timeLimitMs} ms; the page's state was "${run?.state ?? 'unknown: the page did not answer, or is not the host page'}"`);
  await finish(4);
} else if (outcome !== 'finished') {
  console.error(outcome);
  await finish(3);
} else if (run?.state === 'done') {
  await finish(0);
} else if (run?.state === 'failed') {
  console.error(`harness error: ${run.error}`);
  await finish(1);
} else {
  console.error(`the page ran no variant (state "${run?.state}"): check the URL ${pageUrl}`);
  await finish(3);
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}
