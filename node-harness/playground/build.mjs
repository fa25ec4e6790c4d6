// Builds a learner's WAT in the page, through the steps `runner` takes:
// parse, validate, then the module's wasm-opt arguments from its toml, run by
// binaryen.js instead of the wasm-opt program. binaryen.js (14.8 MB) is
// imported on the first build only; the browser's module map caches it.

const BINARYEN_URL = new URL('../node_modules/binaryen/index.js', import.meta.url).href;
let binaryenLoading = null;

/** binaryen.js, imported once per page. */
export function loadBinaryen() {
  binaryenLoading ??= import(BINARYEN_URL).then((module) => module.default);
  return binaryenLoading;
}

/** A failed build: the stage the runner names, and what went wrong. */
export class BuildFailure extends Error {
  constructor(stage, message) {
    super(message);
    this.stage = stage;
  }
}

// The features wasm-opt enables by default, plus threads for the atomics
// chapter's shared memory, exception handling (try_table catches a JSPI
// rejection) and tail calls: named one by one, never Features.All. The
// engine's WebAssembly.validate has the last word.
function enabledFeatures(binaryen) {
  const { Features } = binaryen;
  return Features.MutableGlobals | Features.SignExt | Features.NontrappingFPToInt |
    Features.BulkMemory | Features.BulkMemoryOpt | Features.ReferenceTypes |
    Features.Multivalue | Features.Atomics | Features.CallIndirectOverlong |
    Features.ExceptionHandling | Features.TailCall;
}

/**
 * Turns wasm-opt's command-line arguments into steps for binaryen.js, in order.
 * @param {string[]} args as in `wasm_opt = [...]` of chapter.toml or exercise.toml
 */
export function wasmOptSteps(args) {
  const steps = [];
  const passArguments = []; // wasm-opt reads every option before it runs a pass
  let debugInfo = false;
  for (const arg of args) {
    const level = /^-O([0-4sz]?)$/.exec(arg);
    const passArg = /^--pass-arg=([^@]+)(?:@(.*))?$/.exec(arg);
    const withArgument = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (arg === '-g') debugInfo = true;
    else if (level) steps.push({ optimize: level[1] || '2' });
    else if (passArg) passArguments.push([passArg[1], passArg[2] ?? '1']);
    else if (withArgument) {
      passArguments.push([withArgument[1], withArgument[2]]);
      steps.push({ pass: withArgument[1] });
    }
    else if (arg.startsWith('--')) steps.push({ pass: arg.slice(2) });
    else throw new BuildFailure('wasm-opt', `the page cannot translate the wasm-opt argument \`${arg}\``);
  }
  return { debugInfo, passArguments, steps };
}

function runStep(binaryen, module, step) {
  if (step.pass) module.runPasses([step.pass]);
  if (step.optimize) {
    const shrink = { s: 1, z: 2 }[step.optimize] ?? 0;
    binaryen.setOptimizeLevel(shrink ? 2 : Number(step.optimize));
    binaryen.setShrinkLevel(shrink);
    module.optimize();
  }
}

/**
 * WAT text to wasm bytes, or a BuildFailure at parse, validate or wasm-opt.
 * @param {string} shownName the file named in messages
 * @param {string} text the WAT
 * @param {string[]} wasmOpt the module's wasm-opt arguments (may be empty)
 */
export async function buildWat(shownName, text, wasmOpt = []) {
  const binaryen = await loadBinaryen();
  let module;
  try {
    module = binaryen.parseText(text);
  } catch (error) {
    throw new BuildFailure('parse', `${shownName}:${error?.message ?? error}`);
  }
  try {
    module.setFeatures(enabledFeatures(binaryen));
    const plain = module.emitBinary();
    if (!module.validate() || !WebAssembly.validate(plain)) {
      throw new BuildFailure('validate', `${shownName} does not validate (the browser's console has binaryen's reasons)`);
    }
    if (wasmOpt.length === 0) return plain;
    const { debugInfo, passArguments, steps } = wasmOptSteps(wasmOpt);
    binaryen.setDebugInfo(debugInfo);
    binaryen.clearPassArguments();
    for (const [key, value] of passArguments) binaryen.setPassArgument(key, value);
    try {
      for (const step of steps) runStep(binaryen, module, step);
    } catch (error) {
      throw error instanceof BuildFailure ? error : new BuildFailure('wasm-opt', `${shownName}: ${error?.message ?? error}`);
    }
    const optimized = module.emitBinary();
    if (!WebAssembly.validate(optimized)) {
      throw new BuildFailure('wasm-opt', `${shownName}: wasm-opt's output does not validate in this browser`);
    }
    return optimized;
  } finally {
    module.dispose();
  }
}
