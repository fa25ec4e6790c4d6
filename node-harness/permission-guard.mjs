// Loaded with `--import` before anything else in every graded run. Under
// Node's permission model a worker started with its own `execArgv` (`[]`,
// `['--no-permission']`, `['--allow-fs-write=*']`) would run with other
// permissions than the grader gave: a Worker that names `execArgv` is
// refused, so every worker keeps its parent's flags. `--import` does not
// reach workers, so every worker first runs this module too (as its entry
// point), and only then the script it was started with.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const workerThreads = require('node:worker_threads');
const NativeWorker = workerThreads.Worker;
const { construct } = Reflect;
const { hasOwn, defineProperty, getOwnPropertyDescriptor } = Object;
const THIS_MODULE = new URL(import.meta.url);

function Worker(filename, options) {
  if (new.target === undefined) throw new TypeError("Class constructor Worker cannot be invoked without 'new'");
  // One copy, read once: a getter cannot show one execArgv here and another to Node.
  const copy = options === undefined || options === null ? {} : { ...options };
  if (hasOwn(copy, 'execArgv')) {
    throw new Error(
      'a graded worker keeps the permissions of the run that starts it: `execArgv` is not allowed in `new Worker(...)` options',
    );
  }
  const target = copy.eval ? { code: String(filename) } : { url: String(new URL(filename, 'file:///')) };
  const wrapped = { ...copy, eval: false, workerData: { permissionGuard: target, workerData: copy.workerData } };
  return construct(NativeWorker, [THIS_MODULE, wrapped], new.target === Worker ? NativeWorker : new.target);
}

function guardWorkers() {
  Worker.prototype = NativeWorker.prototype;
  defineProperty(NativeWorker.prototype, 'constructor', { value: Worker, writable: false, configurable: false });
  for (const key of Reflect.ownKeys(NativeWorker)) {
    if (!hasOwn(Worker, key)) defineProperty(Worker, key, getOwnPropertyDescriptor(NativeWorker, key));
  }
  defineProperty(workerThreads, 'Worker', { value: Worker, writable: false, configurable: false, enumerable: true });
}

// In a worker started through `Worker` above: put back the caller's workerData, then run its script.
async function runGuardedWorker() {
  const { permissionGuard, workerData } = workerThreads.workerData;
  defineProperty(workerThreads, 'workerData', { value: workerData, writable: false, configurable: false, enumerable: true });
  syncBuiltinESMExports();
  if (permissionGuard.url) {
    await import(permissionGuard.url);
  } else {
    const evalRequire = createRequire(`${process.cwd()}/[worker eval]`);
    new Function('require', permissionGuard.code)(evalRequire);
  }
}

if (process.permission) {
  guardWorkers();
  syncBuiltinESMExports();
  if (!workerThreads.isMainThread && workerThreads.workerData?.permissionGuard) await runGuardedWorker();
}
