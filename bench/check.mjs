// The check every bench harness makes: a wrong answer fails the bench
// instead of timing a round trip that did not happen.
export function expectAnswer(technique, got, expected) {
  if (got !== expected) {
    throw new Error(`${technique}: a round trip answered ${got}, expected ${expected}`);
  }
}
