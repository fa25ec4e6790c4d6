// Checks the learner's text_glue.mjs against the chapter's strings.wat.
import { passString, readString } from './text_glue.mjs';

const NAMES = ['Ada', 'Zoë', 'Ōsaka 🌸'];
// Drawn per run and kept out of the log: a readString that returns greetings
// it remembers, rather than decoding wasm's memory, cannot know this one.
const RUN_SUFFIX = ` ${1 + Math.floor(Math.random() * 999999)}`;

export async function run(host) {
  const { exports } = await host.instantiate('strings');
  for (const label of NAMES) {
    const name = label + RUN_SUFFIX;
    const [ptr, len] = passString(exports, name);
    const expectedBytes = new TextEncoder().encode(name).length;
    host.log(`${label}:`);
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
