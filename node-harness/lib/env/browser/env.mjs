// The browser environment: what a host in a page or a module Web Worker
// fetches from `runner serve` (built modules, Emscripten glue, files of the
// pinned packages), what engine runs it, and how the page starts workers.
// Browser-only code lives here and in the other files of this folder.

import { browserWorkerSpawner } from './workers.mjs';

// This file lies at <site root>/lib/env/browser/env.mjs, whether the site is
// served at `/` (runner serve) or under a project path (`/<repo>/`).
const SITE_ROOT = new URL('../../../', import.meta.url);

/** The absolute URL of `path`, relative to the site root (`chapters.json`, `chapters/<name>/...`). */
export function siteUrl(path) {
  return new URL(path, SITE_ROOT).href;
}

/** The URL of a chapter's built module, as `runner serve` lays it out. */
export function artifactUrl(chapter, name, extension = 'wasm') {
  return siteUrl(`artifacts/${encodeURIComponent(chapter)}/${encodeURIComponent(name)}.${extension}`);
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
    // Files of the pinned packages, under the site's node_modules/ folder.
    loadPackageFile: (path) => fetchBytes(siteUrl(`node_modules/${path}`)),
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
