// Checks the learner's text_glue.mjs against the chapter's strings.wat.
import { passString, readString } from './text_glue.mjs';

const NAMES = ['Ada', 'Zoë', 'Ōsaka 🌸'];

export async function run(host) {
  const { exports } = await host.instantiate('strings');
  for (const name of NAMES) {
    const [ptr, len] = passString(exports, name);
    const expectedBytes = new TextEncoder().encode(name).length;
    host.log(`${name}:`);
    host.fact('  passString reported its UTF-8 byte length', len === expectedBytes);
    host.fact(
      '  wasm counted as many code points as JavaScript does',
      exports.count_code_points(ptr, len) === [...name].length,
    );
    const [greetingPtr, greetingLen] = exports.greet(ptr, len);
    const greeting = readString(exports, greetingPtr, greetingLen);
    host.fact('  readString decoded the greeting wasm wrote', greeting === `¡hola, ${name}!`);
  }
}
