// The book's theme on the workbook's own pages (the host page, the
// playground): the theme a reader picked in the book (mdBook keeps it in
// localStorage as `mdbook-theme`, on the same origin when `runner serve`
// serves both), else the system's light or dark (host.css follows
// prefers-color-scheme when the root has neither class).

const DARK_THEMES = new Set(['coal', 'navy', 'ayu']);
const LIGHT_THEMES = new Set(['light', 'rust']);

/** Sets `light` or `dark` on the page's root from the book's theme, now and when it changes. */
export function followBookTheme() {
  const apply = () => {
    const root = document.documentElement;
    const theme = bookTheme();
    root.classList.toggle('dark', DARK_THEMES.has(theme));
    root.classList.toggle('light', LIGHT_THEMES.has(theme));
  };
  apply();
  addEventListener('storage', (event) => {
    if (event.key === 'mdbook-theme') apply();
  });
}

function bookTheme() {
  try {
    return (localStorage.getItem('mdbook-theme') ?? '').replace(/^"(.*)"$/, '$1');
  } catch {
    return ''; // storage refused (a sandboxed page): the system's theme
  }
}
