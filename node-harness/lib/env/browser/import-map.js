// The import map of every workbook page, made from one list by one function.
// A classic script, loaded before the page's first module script
// (`<script src="../lib/env/browser/import-map.js"></script>`): it inserts the
// `<script type="importmap">` that resolves the bare names host.quickjs() and
// the QuickJS packages import, as Node resolves them (browser builds where a
// package has one), to files under the site's node_modules/ folder. The site
// root is found from this script's own URL, so the same file works at `/`
// (runner serve) and under a project path (`/<repo>/` on GitHub Pages).
// Node tests load it with a stand-in `document` (test/pages.test.mjs).
(function insertImportMap(scope) {
  /** Each package the pages import by bare name, and the files its specifiers resolve to. */
  const PACKAGES = {
    'quickjs-emscripten-core': { '': 'dist/index.mjs' },
    '@jitl/quickjs-ffi-types': { '': 'dist/index.mjs' },
    '@jitl/quickjs-ng-wasmfile-release-sync': {
      '': 'dist/index.mjs',
      '/emscripten-module': 'dist/emscripten-module.browser.mjs',
    },
    '@jitl/quickjs-ng-wasmfile-release-asyncify': {
      '': 'dist/index.mjs',
      '/emscripten-module': 'dist/emscripten-module.browser.mjs',
    },
  };

  // A page may name more packages first, each by its entry file: the
  // playground's editor (playground/editor-packages.js, written by book build).
  for (const [name, entry] of Object.entries(scope.workbookPagePackages ?? {})) {
    PACKAGES[name] = { '': entry };
  }

  // This file lies at <site root>/lib/env/browser/import-map.js.
  const siteRoot = new URL('../../../', scope.document.currentScript.src);

  function importMap(packages) {
    const imports = {};
    for (const [name, entries] of Object.entries(packages)) {
      for (const [subpath, file] of Object.entries(entries)) {
        imports[name + subpath] = new URL(`node_modules/${name}/${file}`, siteRoot).href;
      }
    }
    return { imports };
  }

  const script = scope.document.createElement('script');
  script.type = 'importmap';
  script.textContent = JSON.stringify(importMap(PACKAGES), null, 2);
  scope.document.currentScript.after(script);
})(globalThis);
