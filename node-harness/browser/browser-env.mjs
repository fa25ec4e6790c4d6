// What the page and its workers share: where built modules are served, how
// to fetch them, and what engine is running.

/** The URL of a chapter's built module, as `runner serve` lays it out. */
export function artifactUrl(chapter, name, extension = 'wasm') {
  return `/artifacts/${encodeURIComponent(chapter)}/${encodeURIComponent(name)}.${extension}`;
}

/** The URL of a file of a pinned npm package, under the server's /node_modules/ route. */
export function packageFileUrl(path) {
  return `/node_modules/${path}`;
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
