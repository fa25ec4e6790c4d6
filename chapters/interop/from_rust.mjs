// Variant: the same import and export, compiled from Rust. The harness reads
// the module's lists and calls it exactly as it calls the WAT module.

// ANCHOR: run
export async function run(host) {
  const module = await host.compile('foo-bar-rust');
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name} (${i.kind})`);
  const exports = WebAssembly.Module.exports(module).map((e) => `${e.name} (${e.kind})`);
  host.log(`the module imports: ${imports.join(', ')}`);
  host.log(`the module exports: ${exports.join(', ')}`);

  const instance = await WebAssembly.instantiate(module, { mod: { foo: (x) => x * 10 } });
  host.log(`bar(4) = ${instance.exports.bar(4)}`);
}
// ANCHOR_END: run
