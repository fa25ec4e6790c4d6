// What a host under Node loads from disk: the built modules and Emscripten
// glue in the artifact folder, and files of node-harness's pinned packages.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const nodeModulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');

/** The Node half of `createHost`'s options, for the modules built into `artifactDir`. */
export function nodeHostEnv(artifactDir) {
  return {
    loadWasm: (name) => readFile(join(artifactDir, `${name}.wasm`)),
    importGlue: (name) => import(pathToFileURL(join(artifactDir, `${name}.mjs`)).href),
    loadPackageFile: (path) => readFile(join(nodeModulesDir, path)),
    engine: { name: 'node', version: process.versions.node },
  };
}
