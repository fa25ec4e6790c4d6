// Variant: the dynamic-import note's approach, made right. wasm passes a callback index;
// when import() settles, JavaScript calls the exported `complete` exactly
// once, with a module handle or an error code.
import { createPluginHost } from './plugin_host.mjs';

export async function run(host) {
  const plugins = createPluginHost(host);
  // ANCHOR: run
  const { exports } = await host.instantiate('by-callback', {
    plugins: {
      request: (namePtr, nameLen, callback) => {
        plugins.load(namePtr, nameLen).then((pluginOrError) => {
          exports.complete(callback, pluginOrError);
        });
      },
      ...plugins.moduleImports,
    },
    report: plugins.reportImports,
  });
  plugins.attach(exports);

  exports.ask_for_answer();
  host.log('ask_for_answer() returned; the module is still loading');
  await plugins.settled();
  // ANCHOR_END: run
  plugins.logOutcome();
}
