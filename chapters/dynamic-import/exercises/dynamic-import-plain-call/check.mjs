// Checks the learner's use_plugin.wat under JSPI, with a module that loads
// and one that does not.
import { createPluginHost } from '../../plugin_host.mjs';

export async function run(host) {
  const plugins = createPluginHost(host);
  const { exports } = await host.instantiate('use-plugin', {
    plugins: {
      load: new WebAssembly.Suspending((namePtr, nameLen) => plugins.load(namePtr, nameLen)),
      ...plugins.moduleImports,
    },
    report: plugins.reportImports,
  });
  plugins.attach(exports);

  for (const ask of [exports.ask_for_answer, exports.ask_for_missing]) {
    await WebAssembly.promising(ask)();
    await plugins.settled();
    plugins.logOutcome();
  }
}
