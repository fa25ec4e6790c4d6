// Variant: the plain-call module under JSPI. The load import is an async
// function wrapped in WebAssembly.Suspending; the export, in promising.
import { createPluginHost } from './plugin_host.mjs';

export async function run(host) {
  const plugins = createPluginHost(host);
  // ANCHOR: run
  const { exports } = await host.instantiate('plain-call', {
    plugins: {
      load: new WebAssembly.Suspending((namePtr, nameLen) => plugins.load(namePtr, nameLen)),
      ...plugins.moduleImports,
    },
    report: plugins.reportImports,
  });
  plugins.attach(exports);

  const askForAnswer = WebAssembly.promising(exports.ask_for_answer);
  const finished = askForAnswer();
  host.log('ask_for_answer() returned a promise; the wasm stack is suspended');
  await finished;
  await plugins.settled();
  // ANCHOR_END: run
  plugins.logOutcome();
}
