// Variant: wasm asks for a module that does not exist. Every technique hands
// the rejection back to wasm, and nothing is left waiting.
import { REFUSED, createPluginHost } from './plugin_host.mjs';

async function byCallback(host, plugins) {
  let waitingForCallback = 0;
  const { exports } = await host.instantiate('by-callback', {
    plugins: {
      request: (namePtr, nameLen, callback) => {
        waitingForCallback += 1;
        plugins.load(namePtr, nameLen).then((pluginOrError) => {
          waitingForCallback -= 1;
          exports.complete(callback, pluginOrError);
        });
      },
      ...plugins.moduleImports,
    },
    report: plugins.reportImports,
  });
  plugins.attach(exports);
  exports.ask_for_missing();
  await plugins.settled();
  plugins.logOutcome();
  host.log(`requests still waiting for their callback: ${waitingForCallback}`);
}

async function byJspi(host, plugins, load) {
  const { exports } = await host.instantiate('plain-call', {
    plugins: { load: new WebAssembly.Suspending(load), ...plugins.moduleImports },
    report: plugins.reportImports,
  });
  plugins.attach(exports);
  return WebAssembly.promising(exports.ask_for_missing)();
}

async function byAsyncify(host, plugins) {
  const driver = host.asyncify();
  const { exports } = await host.instantiate('plain-call-asyncify', {
    plugins: { load: driver.suspending(plugins.load), ...plugins.moduleImports },
    report: plugins.reportImports,
  });
  plugins.attach(exports);
  driver.attach(exports, { dataAddress: 1024, stackBytes: 1016 });
  await driver.call(exports.ask_for_missing);
  await plugins.settled();
  plugins.logOutcome();
}

export async function run(host) {
  host.log('callbacks:');
  await byCallback(host, createPluginHost(host));

  host.log('JSPI, the import returns an error code:');
  const codes = createPluginHost(host);
  await byJspi(host, codes, codes.load);
  await codes.settled();
  codes.logOutcome();

  // ANCHOR: thrown
  host.log('JSPI, the import lets the rejection through:');
  const throwing = createPluginHost(host);
  let rejection = null;
  await byJspi(host, throwing, (...name) => throwing.loadOrThrow(...name)).catch((error) => {
    rejection = error;
  });
  host.fact('the export\'s promise rejected', rejection !== null);
  host.fact('with the very error import() rejected with (===)', rejection === throwing.lastRejection);
  // ANCHOR_END: thrown
  throwing.logOutcome();

  host.log('Asyncify:');
  await byAsyncify(host, createPluginHost(host));

  await outsideThePluginFolder(host);
}

// wasm picks what JavaScript loads; a name outside ./plugins/ never reaches import().
async function outsideThePluginFolder(host) {
  host.log('a name outside the plugin folder:');
  const plugins = createPluginHost(host);
  const memory = new WebAssembly.Memory({ initial: 1 });
  plugins.attach({ memory });
  const name = new TextEncoder().encode('./plugins/../plugin_host.mjs');
  new Uint8Array(memory.buffer).set(name);
  const code = await plugins.load(0, name.length);
  host.fact(`load() answered REFUSED (${REFUSED})`, code === REFUSED);
}
