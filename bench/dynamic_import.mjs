// Dynamic import(): each wait loads a JavaScript module that is already in
// the module map, with JSPI carrying the wait (as in the dynamic-import chapter).
import { prepareJspi } from './jspi.mjs';

const ANSWER = new URL('./answer.mjs', import.meta.url).href;

export function prepare(host) {
  return prepareJspi(host, 'dynamic import', async (value) => (await import(ANSWER)).answer(value));
}
