// Prints the rows the live timeline's collapsing (lib/trace/collapse.mjs)
// makes of each sequence of trace events in a JSON file, in the shape of the
// runner's rows (runner/src/trace/collapse.rs): one [text, repeats] per event
// drawn, `repeats` the group's size on its last event when it repeated, else
// null. The runner's parity test compares them with its own.
//   node collapse-rows.mjs <sequences.json>
import { readFileSync } from 'node:fs';

import { collapse } from './lib/trace/collapse.mjs';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: node collapse-rows.mjs <sequences.json>');
  process.exit(2);
}
const sequences = JSON.parse(readFileSync(file, 'utf8'));
const rows = sequences.map((events) => collapse(events).flatMap((group) => group.events.map((event, index) => {
  const last = index === group.events.length - 1;
  return [event.text, last && group.times > 1 ? group.events.length : null];
})));
process.stdout.write(`${JSON.stringify(rows)}\n`);
