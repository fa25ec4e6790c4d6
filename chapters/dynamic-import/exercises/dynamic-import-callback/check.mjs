// Checks the learner's request.mjs: one completion per request, success or not.
import { createPluginHost } from '../../plugin_host.mjs';
import { requestImport } from './request.mjs';

// Seen only when nothing handles the rejection: then it is the harness error.
function explainRejection() {
  throw new Error(
    'load() rejected (the module does not exist), nothing handled the rejection, ' +
      'and wasm was never called back',
  );
}

export async function run(host) {
  const plugins = createPluginHost(host);
  const completions = [];
  const { exports } = await host.instantiate('by-callback', {
    plugins: {
      request: requestImport(
        (namePtr, nameLen) => plugins.loadOrThrow(namePtr, nameLen).catch(explainRejection),
        (callback, handleOrError) => {
          completions.push(handleOrError);
          exports.complete(callback, handleOrError);
        },
      ),
      ...plugins.moduleImports,
    },
    report: plugins.reportImports,
  });
  plugins.attach(exports);

  for (const ask of [exports.ask_for_answer, exports.ask_for_missing]) {
    completions.length = 0;
    ask();
    await plugins.settled();
    plugins.logOutcome();
    host.log(`wasm was called back ${completions.length} time(s)`);
  }
}
