// The browser environment: what a host in a page or a module Web Worker
// fetches from `runner serve` (built modules, Emscripten glue, files of the
// pinned packages), what engine runs it, and how the page starts workers.
// Browser-only code lives here and in the other files of this folder.

import { browserWorkerSpawner } from './workers.mjs';

/** The URL of a chapter's built module, as `runner serve` lays it out. */
export function artifactUrl(chapter, name, extension = 'wasm') {
  return `/artifacts/${encodeURIComponent(chapter)}/${encodeURIComponent(name)}.${extension}`;
}

/** The bytes at `url`; a missing file is an error that names it. */
export async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}: is it built? (runner serve builds it)`);
  }
  return response.arrayBuffer();
}

/** `{ name, version }` of the browser, for `host.engine`. */
export function browserEngine() {
  const chrome = /Chrom(?:e|ium)\/([\d.]+)/.exec(navigator.userAgent);
  return chrome
    ? { name: 'chromium', version: chrome[1] }
    : { name: 'browser', version: navigator.userAgent };
}

/** The environment of a page that runs `suite`'s harnesses (see env/session.mjs). */
export function browserPageEnvironment(suite) {
  return {
    ...fetchedModules(suite),
    // Files of the pinned packages, under the server's /node_modules/ route.
    loadPackageFile: (path) => fetchBytes(`/node_modules/${path}`),
    spawnWorker: browserWorkerSpawner({ chapter: suite }),
  };
}

/** The environment of a module Web Worker started for `suite`. */
export function browserWorkerEnvironment(suite) {
  return {
    ...fetchedModules(suite),
    quickjsUnavailable:
      'a module Web Worker has no import map, and the QuickJS packages import each other ' +
      'by bare names; use host.quickjs() on the page, or run the variant under Node',
  };
}

function fetchedModules(suite) {
  return {
    loadWasm: (name) => fetchBytes(artifactUrl(suite, name)),
    importGlue: (name) => import(artifactUrl(suite, name, 'mjs')),
    engine: browserEngine(),
  };
}
