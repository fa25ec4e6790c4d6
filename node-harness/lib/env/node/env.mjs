// The Node environment: what a host under Node loads from disk (the built
// modules and Emscripten glue in the artifact folder, files of node-harness's
// pinned packages) and how it starts workers. Node-only code lives here and in
// the other files of this folder, never in a chapter.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { nodeWorkerSpawner } from './workers.mjs';

const nodeModulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'node_modules');

/** The environment for modules built into `artifactDir` (see env/session.mjs). */
export function nodeEnvironment(artifactDir) {
  return {
    loadWasm: (name) => readFile(join(artifactDir, `${name}.wasm`)),
    importGlue: (name) => import(pathToFileURL(join(artifactDir, `${name}.mjs`)).href),
    loadPackageFile: (path) => readFile(join(nodeModulesDir, path)),
    spawnWorker: nodeWorkerSpawner({ artifactDir }),
    engine: { name: 'node', version: process.versions.node },
  };
}
