// The playground page: playground/index.html?exercise=NAME opens an exercise
// with an editor (CodeMirror, editor.mjs) per file the learner writes; ?variant=CHAPTER/VARIANT opens a
// chapter listing (its WAT and harness) to edit and rerun. For automation the page
// exposes `globalThis.workbookPlayground` (see the README):
//   exercises()        the names that can run in this browser
//   run(name, files)   { status: 'pass' | 'fail' | 'error', stage, log }
//   edit(file, text)   sets an open editor's text (then Run, or Ctrl-Enter in it)
import { followBookTheme } from '../host/theme.mjs';
import { createTimeline } from '../host/timeline.mjs';
import { siteUrl } from '../lib/env/browser/env.mjs';
import { fetchText, runExercise } from './run.mjs';

const element = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const storageKey = (name, what) => `workbook-playground:${name}:${what}`;

async function loadJson(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}

/** An exercise's starter or solution files; a chapter variant's own files (`source` null). */
function learnerFiles(item, source) {
  const dirUrl = siteUrl(item.dir);
  const path = (file) => (source ? `${source}/${file}` : file);
  return Promise.all(item.files.map(async (file) => [file, await fetchText(new URL(path(file), dirUrl))]))
    .then(Object.fromEntries);
}

async function runNamed(byName, name, files) {
  const item = byName.get(name);
  if (!item) return { status: 'error', stage: 'page', log: `nothing named "${name}" here` };
  if (item.unavailable) return { status: 'error', stage: 'page', log: item.unavailable };
  const { status, stage, log, message } = await runExercise(item, files);
  return { status, stage, log: message ? `${log}\n${message}`.trim() : log };
}

function publishApi(exercises, variants) {
  const exercisesByName = new Map(exercises.map((exercise) => [exercise.name, exercise]));
  const variantsByName = new Map(variants.map((variant) => [variant.name, variant]));
  const runnable = (items) => items.filter((item) => !item.unavailable).map((item) => item.name);
  globalThis.workbookPlayground = {
    exercises: () => runnable(exercises),
    run: (name, files) => runNamed(exercisesByName, name, files),
    /** The text of the starter or solution files, for tests. */
    files: (name, source) => learnerFiles(exercisesByName.get(name), source),
    /** The chapter variants (`chapter/variant`) the page can rebuild and run. */
    variants: () => runnable(variants),
    /** Runs a chapter variant, rebuilt in the page, with `files` edited (default: as written). */
    runVariant: (name, files = {}) => runNamed(variantsByName, name, files),
    /** Replaces the text of the open editor of `file`, as if typed; then press Run (or Ctrl-Enter). */
    edit: (file, text) => {
      if (!editors.has(file)) throw new Error(`no editor holds "${file}" on this page`);
      editors.get(file).setText(text);
    },
    /** The text in the open editor of `file`. */
    editorText: (file) => editors.get(file)?.text(),
  };
}

function listExercises(exercises) {
  const list = document.createElement('ul');
  for (const exercise of exercises) {
    const item = document.createElement('li');
    const link = Object.assign(document.createElement('a'), { href: `?exercise=${encodeURIComponent(exercise.name)}`, textContent: exercise.name });
    const passed = localStorage.getItem(storageKey(exercise.name, 'passed')) ? ' (passed)' : '';
    item.append(link, `: ${exercise.title}${passed}${exercise.unavailable ? ` (not in a browser: ${exercise.unavailable})` : ''}`);
    list.append(item);
  }
  element('choices').replaceChildren(Object.assign(document.createElement('h2'), { textContent: 'Exercises' }), list);
}

function listVariants(variants) {
  const list = document.createElement('ul');
  for (const variant of variants) {
    const item = document.createElement('li');
    const link = Object.assign(document.createElement('a'), { href: `?variant=${encodeURIComponent(variant.name)}`, textContent: variant.name });
    item.append(link, `: ${variant.summary}${variant.unavailable ? ` (${variant.unavailable})` : ''}`);
    list.append(item);
  }
  element('choices').append(Object.assign(document.createElement('h2'), { textContent: 'Chapter listings to edit and rerun' }), list);
}

/** The open item's editors, by file. */
const editors = new Map();

/** One editor per file of `item`, holding `files`; the editor is loaded on first use. */
async function showEditors(item, files, saveKey = null) {
  const { createEditor, dropEditors } = await import('./editor.mjs');
  dropEditors();
  editors.clear();
  const parts = item.files.map((file) => {
    const label = Object.assign(document.createElement('p'), { className: 'editor-file', textContent: file });
    const holder = Object.assign(document.createElement('div'), { className: 'editor' });
    holder.dataset.file = file;
    const onChange = (text) => { if (saveKey) localStorage.setItem(storageKey(saveKey, `file:${file}`), text); };
    editors.set(file, createEditor(holder, { file, text: files[file], onChange, onRun: () => element('run').click() }));
    return [label, holder];
  });
  element('editors').replaceChildren(...parts.flat());
}

function editedFiles() {
  return Object.fromEntries([...editors].map(([file, editor]) => [file, editor.text()]));
}

function showReport(report) {
  const status = element('status');
  status.dataset.state = report.status;
  status.textContent = report.status === 'pass'
    ? 'passed: the log matches the expected log'
    : `${report.status === 'fail' ? 'failed' : 'page error'} at stage ${report.stage}`;
  element('message').hidden = !report.message;
  element('message').textContent = report.message ?? '';
  const diff = element('diff');
  diff.hidden = !report.diff;
  diff.replaceChildren(...(report.diff ?? []).map(({ kind, line }) => Object.assign(document.createElement('span'), {
    className: { '-': 'expected', '+': 'logged', ' ': 'same' }[kind],
    textContent: `${kind} ${line}\n`,
  })));
  if (report.diff) diff.prepend('- expected   + logged by your run\n');
}

async function showSolution(exercise) {
  const files = await learnerFiles(exercise, 'solution');
  const listings = Object.entries(files).map(([file, text]) => [
    Object.assign(document.createElement('p'), { className: 'editor-file', textContent: file }),
    Object.assign(document.createElement('pre'), { textContent: text }),
  ]);
  element('solution').append(...listings.flat());
  element('solution').hidden = false;
}

async function openVariant(variant) {
  element('title').textContent = variant.name;
  element('summary').textContent = `${variant.summary}. Edit its WAT or its harness and run it again: the log and the timeline change.`;
  element('hint-button').hidden = true;
  if (variant.unavailable) {
    element('unavailable').hidden = false;
    element('unavailable').textContent = `This listing cannot run in a browser: ${variant.unavailable}.`;
    return;
  }
  const original = await learnerFiles(variant, null);
  await showEditors(variant, original);
  element('workspace').hidden = false;
  element('reset').addEventListener('click', () => showEditors(variant, original));
  element('run').addEventListener('click', () => runFromEditors(variant, async () => {}));
}

async function runFromEditors(item, onPass) {
  element('run').disabled = true;
  element('status').dataset.state = 'running';
  element('status').textContent = 'building and running…';
  element('log').textContent = '';
  const timeline = createTimeline(element('timeline'), { chapter: item.chapter });
  const report = await runExercise(item, editedFiles(), {
    onLine: (line) => element('log').append(`${line}\n`),
    live: (event) => timeline.add(event),
  });
  timeline.finish();
  if (report.status === 'pass') await onPass();
  showReport(report); // last: a test that reads the verdict finds the solution shown
  element('run').disabled = false;
}

async function openExercise(exercise) {
  element('title').textContent = exercise.title;
  element('summary').textContent = exercise.summary;
  document.title = `${exercise.name}: workbook playground`;
  if (exercise.unavailable) {
    element('unavailable').hidden = false;
    element('unavailable').textContent = `This exercise cannot run in a browser: ${exercise.unavailable}. Run it locally: ${exercise.local}`;
    return;
  }
  const starter = await learnerFiles(exercise, 'starter');
  const saved = Object.fromEntries(exercise.files.map((file) => [file, localStorage.getItem(storageKey(exercise.name, `file:${file}`)) ?? starter[file]]));
  await showEditors(exercise, saved, exercise.name);
  element('workspace').hidden = false;
  element('hint').textContent = exercise.hint;
  element('hint-button').addEventListener('click', () => { element('hint').hidden = !element('hint').hidden; });
  element('reset').addEventListener('click', () => {
    for (const file of exercise.files) localStorage.removeItem(storageKey(exercise.name, `file:${file}`));
    showEditors(exercise, starter, exercise.name);
  });
  element('run').addEventListener('click', () => runFromEditors(exercise, async () => {
    localStorage.setItem(storageKey(exercise.name, 'passed'), 'yes');
    if (element('solution').hidden) await showSolution(exercise);
  }));
  if (localStorage.getItem(storageKey(exercise.name, 'passed'))) await showSolution(exercise);
}

// What this browser lacks, and who has it (vendors' status, see the book's playground page).
const MISSING_FEATURES = [
  {
    missing: () => !globalThis.crossOriginIsolated,
    note: 'This page is not cross-origin isolated yet, so the atomics exercises cannot share memory. ' +
      'Its service worker isolates it after one reload; a browser without service workers (or with them blocked) stays unisolated.',
  },
  {
    missing: () => typeof WebAssembly.Suspending !== 'function',
    note: 'This browser has no JavaScript Promise Integration (WebAssembly.Suspending), so the exercises that use JSPI fail here. ' +
      'JSPI ships in Chromium 137 and later (Chrome, Edge); Firefox has it only in Nightly behind the flag ' +
      'javascript.options.wasm_js_promise_integration; Safari does not implement it.',
  },
];

function showMissingFeatures() {
  const notes = MISSING_FEATURES.filter((feature) => feature.missing()).map((feature) => feature.note);
  element('isolation').hidden = notes.length === 0;
  element('isolation').textContent = notes.join(' ');
}

async function main() {
  const [exercises, variants] = await Promise.all([loadJson(siteUrl('exercises.json')), loadJson(siteUrl('variants.json'))]);
  publishApi(exercises, variants);
  showMissingFeatures();
  const exercise = exercises.find((candidate) => candidate.name === params.get('exercise'));
  const variant = variants.find((candidate) => candidate.name === params.get('variant'));
  if (exercise) await openExercise(exercise);
  else if (variant) await openVariant(variant);
  else {
    listExercises(exercises);
    listVariants(variants);
  }
  document.body.dataset.ready = 'yes';
}

followBookTheme();
main().catch((error) => {
  element('status').textContent = `page error: ${error?.message ?? error}`;
  document.body.dataset.ready = 'error';
});
