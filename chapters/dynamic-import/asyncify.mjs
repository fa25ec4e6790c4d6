// Variant: the plain-call module, instrumented by wasm-opt --asyncify and
// driven by the host's Asyncify driver.
import { createPluginHost } from './plugin_host.mjs';

export async function run(host) {
  const plugins = createPluginHost(host);
  // ANCHOR: run
  const driver = host.asyncify();
  const { exports } = await host.instantiate('plain-call-asyncify', {
    plugins: {
      load: driver.suspending((namePtr, nameLen) => plugins.load(namePtr, nameLen)),
      ...plugins.moduleImports,
    },
    report: plugins.reportImports,
  });
  plugins.attach(exports);
  driver.attach(exports, { dataAddress: 1024, stackBytes: 1016 });

  const finished = driver.call(exports.ask_for_answer);
  host.log('ask_for_answer() unwound; the driver awaits the import');
  await finished;
  await plugins.settled();
  // ANCHOR_END: run
  plugins.logOutcome();
}
