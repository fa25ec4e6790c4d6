// The playground page: playground/index.html?exercise=NAME opens an exercise
// with an editor per file the learner writes. For automation the page
// exposes `globalThis.workbookPlayground` (see the README):
//   exercises()        the names that can run in this browser
//   run(name, files)   { status: 'pass' | 'fail' | 'error', stage, log }
import { createTimeline } from '../host/timeline.mjs';
import { fetchText, runExercise } from './run.mjs';

const element = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const storageKey = (name, what) => `workbook-playground:${name}:${what}`;

async function loadExercises() {
  const response = await fetch('/exercises.json');
  if (!response.ok) throw new Error(`GET /exercises.json answered ${response.status}`);
  return response.json();
}

function learnerFiles(exercise, source) {
  return Promise.all(exercise.files.map(async (file) => [file, await fetchText(new URL(`${source}/${file}`, new URL(exercise.dir, location.href)))]))
    .then(Object.fromEntries);
}

function publishApi(exercises) {
  const byName = new Map(exercises.map((exercise) => [exercise.name, exercise]));
  globalThis.workbookPlayground = {
    exercises: () => exercises.filter((exercise) => !exercise.unavailable).map((exercise) => exercise.name),
    async run(name, files) {
      const exercise = byName.get(name);
      if (!exercise) return { status: 'error', stage: 'page', log: `no exercise named "${name}"` };
      if (exercise.unavailable) return { status: 'error', stage: 'page', log: exercise.unavailable };
      const { status, stage, log, message } = await runExercise(exercise, files);
      return { status, stage, log: message ? `${log}\n${message}`.trim() : log };
    },
    /** The text of the starter or solution files, for tests. */
    files: (name, source) => learnerFiles(byName.get(name), source),
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

function showEditors(exercise, files) {
  const editors = exercise.files.map((file) => {
    const label = Object.assign(document.createElement('p'), { className: 'editor-file', textContent: file });
    const editor = Object.assign(document.createElement('textarea'), { className: 'editor', spellcheck: false, value: files[file] });
    editor.dataset.file = file;
    editor.addEventListener('input', () => localStorage.setItem(storageKey(exercise.name, `file:${file}`), editor.value));
    return [label, editor];
  });
  element('editors').replaceChildren(...editors.flat());
}

function editedFiles() {
  return Object.fromEntries([...document.querySelectorAll('#editors textarea')].map((editor) => [editor.dataset.file, editor.value]));
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
  showEditors(exercise, saved);
  element('workspace').hidden = false;
  element('hint').textContent = exercise.hint;
  element('hint-button').addEventListener('click', () => { element('hint').hidden = !element('hint').hidden; });
  element('reset').addEventListener('click', () => {
    for (const file of exercise.files) localStorage.removeItem(storageKey(exercise.name, `file:${file}`));
    showEditors(exercise, starter);
  });
  element('run').addEventListener('click', async () => {
    element('run').disabled = true;
    element('status').dataset.state = 'running';
    element('status').textContent = 'building and running…';
    element('log').textContent = '';
    const timeline = createTimeline(element('timeline'));
    const report = await runExercise(exercise, editedFiles(), {
      onLine: (line) => element('log').append(`${line}\n`),
      live: (event) => timeline.add(event),
    });
    if (report.status === 'pass') {
      localStorage.setItem(storageKey(exercise.name, 'passed'), 'yes');
      if (element('solution').hidden) await showSolution(exercise);
    }
    showReport(report); // last: a test that reads the verdict finds the solution shown
    element('run').disabled = false;
  });
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
  const exercises = await loadExercises();
  publishApi(exercises);
  showMissingFeatures();
  const name = params.get('exercise');
  const exercise = exercises.find((candidate) => candidate.name === name);
  if (!exercise) listExercises(exercises);
  else await openExercise(exercise);
  document.body.dataset.ready = 'yes';
}

main().catch((error) => {
  element('status').textContent = `page error: ${error?.message ?? error}`;
  document.body.dataset.ready = 'error';
});
