// What a module asks for and what it offers, read from the compiled module
// itself; then what happens when the host leaves an import out.

// ANCHOR: describe
function describe(module) {
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name} (${i.kind})`);
  const exports = WebAssembly.Module.exports(module).map((e) => `${e.name} (${e.kind})`);
  return { imports, exports };
}
// ANCHOR_END: describe

// Instantiates and returns the error's class, or 'no error'.
async function linkError(module, imports) {
  try {
    await WebAssembly.instantiate(module, imports);
    return { name: 'no error', message: '' };
  } catch (error) {
    return { name: error.constructor.name, message: String(error.message) };
  }
}

export async function run(host) {
  const module = await host.compile('foo-bar');
  const { imports, exports } = describe(module);
  host.log(`the module imports: ${imports.join(', ')}`);
  host.log(`the module exports: ${exports.join(', ')}`);

  // ANCHOR: instantiate
  const calls = [];
  const instance = await WebAssembly.instantiate(module, {
    mod: {
      foo: (x) => {
        calls.push(x);
        return x * 10;
      },
    },
  });
  const answer = instance.exports.bar(4);
  // ANCHOR_END: instantiate
  host.log(`bar(4) = ${answer}`);
  host.fact('wasm called the JavaScript foo with 4', calls.length === 1 && calls[0] === 4);
  host.fact(
    'a raw instance exports only what the module declares (no classes, no glue)',
    Object.keys(instance.exports).join(',') === 'bar',
  );

  // ANCHOR: missing
  const noFoo = await linkError(module, { mod: {} });
  const noMod = await linkError(module, {});
  // ANCHOR_END: missing
  host.log(`instantiating without mod.foo throws ${noFoo.name}`);
  host.fact('its message names "mod" "foo"', noFoo.message.includes('"mod" "foo"'));
  host.log(`instantiating without the object mod throws ${noMod.name}`);
  host.fact('its message names "mod"', noMod.message.includes('"mod"'));
  const notAFunction = await linkError(module, { mod: { foo: 42 } });
  host.log(`a number where foo should be throws ${notAFunction.name}`);
}
