// Which JSPI API does the running engine offer? Every harness in this chapter
// asks first, so that running one under the wrong engine fails with a sentence
// that says what to do, not with "WebAssembly.Suspending is not a constructor".
// ANCHOR: detect
const APIS = {
  standard: {
    name: 'the standard JSPI API (WebAssembly.Suspending and WebAssembly.promising)',
    where: 'run it under node26 (Node 26 and Chrome 137 ship it with no flag)',
  },
  suspender: {
    name:
      'the original Suspender API (new WebAssembly.Function with suspending/promising: "first")',
    where:
      'run it under node20 with --experimental-wasm-stack-switching (engines dropped the Suspender object in 2024)',
  },
  none: { name: 'no JSPI API at all' },
};

/** 'standard', 'suspender' or 'none', from what `WebAssembly` exposes. */
export function detectJspiApi() {
  const { Suspending, promising, Function: WasmFunction, Suspender } = WebAssembly;
  if (typeof Suspending === 'function' && typeof promising === 'function') {
    return 'standard';
  }
  if (typeof WasmFunction === 'function' && typeof Suspender === 'function') {
    return 'suspender';
  }
  return 'none';
}

/** Logs which API the engine offers; throws a clear error when it is not `wanted`. */
export function requireJspiApi(host, wanted) {
  const found = detectJspiApi();
  if (found !== wanted) {
    throw new Error(
      `this lesson needs ${APIS[wanted].name}, but ${host.engine.name} ${host.engine.version} ` +
        `offers ${APIS[found].name}: ${APIS[wanted].where}`,
    );
  }
  host.log(`engine offers ${APIS[found].name}`);
}
// ANCHOR_END: detect
