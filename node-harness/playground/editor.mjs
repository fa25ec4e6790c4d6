// The playground's editor: one CodeMirror 6 view per file, WAT or JavaScript
// highlighting by the file's extension, Ctrl-Enter (Cmd-Enter on a Mac) runs,
// and the colours follow the book's theme (mdBook keeps the reader's choice in
// localStorage under `mdbook-theme`; without one, the system's preference).
// The packages come from the site's node_modules/ through the import map.
import { basicSetup, EditorView } from 'codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { wast } from '@codemirror/lang-wast';
import { Compartment, Prec } from '@codemirror/state';
import { oneDark } from '@codemirror/theme-one-dark';
import { keymap } from '@codemirror/view';

const DARK_BOOK_THEMES = new Set(['coal', 'navy', 'ayu']);
const systemDark = matchMedia('(prefers-color-scheme: dark)');

/** True when the book shows a dark theme. */
export function bookIsDark() {
  let chosen = null;
  try {
    chosen = localStorage.getItem('mdbook-theme');
  } catch {
    // storage blocked: the system's preference decides, as in the book
  }
  return chosen ? DARK_BOOK_THEMES.has(chosen) : systemDark.matches;
}

function languageOf(file) {
  if (file.endsWith('.wat') || file.endsWith('.wast')) return wast();
  if (/\.(m?js)$/.test(file)) return javascript();
  return [];
}

const openEditors = [];

function followBookTheme() {
  const apply = () => {
    const dark = bookIsDark();
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    for (const { view, theme } of openEditors) view.dispatch({ effects: theme.reconfigure(dark ? oneDark : []) });
  };
  addEventListener('storage', (event) => { if (event.key === 'mdbook-theme') apply(); });
  systemDark.addEventListener('change', apply);
  return apply;
}
const applyTheme = followBookTheme();
applyTheme();

/**
 * An editor for `file` in `parent`.
 * @param {HTMLElement} parent
 * @param {{file: string, text: string, onChange: (text: string) => void, onRun: () => void}} options
 * @returns {{text: () => string, setText: (text: string) => void}}
 */
export function createEditor(parent, { file, text, onChange, onRun }) {
  const theme = new Compartment();
  const view = new EditorView({
    parent,
    doc: text,
    extensions: [
      Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; } }])),
      basicSetup,
      languageOf(file),
      theme.of(bookIsDark() ? oneDark : []),
      EditorView.contentAttributes.of({ 'aria-label': `the file ${file}` }),
      EditorView.updateListener.of((update) => { if (update.docChanged) onChange(update.state.doc.toString()); }),
    ],
  });
  openEditors.push({ view, theme });
  return {
    text: () => view.state.doc.toString(),
    setText: (replacement) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: replacement } }),
  };
}

/** Destroys every editor made so far, before the page shows new ones. */
export function dropEditors() {
  for (const { view } of openEditors.splice(0)) view.destroy();
}
