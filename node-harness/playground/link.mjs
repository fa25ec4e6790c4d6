// Loads a learner's JavaScript as a module without a server that knows it:
// each module's text becomes a blob: URL, and its relative imports are
// rewritten to absolute URLs of the site, or to the blob of another learner
// file, so the harness imports the learner's text where the runner would
// import the learner's file.

const RELATIVE_IMPORT = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]+)\2/g;

/**
 * The text of a module found at `url`, its relative imports resolved.
 * @param {string} text the module's source
 * @param {string} url where the runner would load it from
 * @param {Map<string, string>} replaced absolute URL → blob URL of learner modules
 */
export function linkedText(text, url, replaced) {
  return text
    .replace(RELATIVE_IMPORT, (_match, keyword, quote, specifier) => {
      const target = new URL(specifier, url).href;
      return `${keyword}${quote}${replaced.get(target) ?? target}${quote}`;
    })
    .replaceAll('import.meta.url', JSON.stringify(url));
}

/** A blob: URL that imports as the module `text`; `revoke` it after the run. */
export function moduleBlobUrl(text) {
  return URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
}

/**
 * Blob URLs for the learner's JavaScript files, keyed by where each would lie.
 * @param {Record<string, string>} files file name → text
 * @param {string} dirUrl the exercise folder's absolute URL
 */
export function linkLearnerModules(files, dirUrl) {
  const replaced = new Map();
  for (const [file, text] of Object.entries(files)) {
    if (!file.endsWith('.mjs') && !file.endsWith('.js')) continue;
    const url = new URL(file, dirUrl).href;
    replaced.set(url, moduleBlobUrl(linkedText(text, url, replaced)));
  }
  return replaced;
}
