// The labelled line diff the report shows: expected against logged, the same
// reading as the runner's (- expected, + logged), by longest common subsequence.

/**
 * @param {string[]} expected
 * @param {string[]} logged
 * @returns {{ kind: ' ' | '-' | '+', line: string }[]}
 */
export function lineDiff(expected, logged) {
  const rows = expected.length;
  const columns = logged.length;
  const common = Array.from({ length: rows + 1 }, () => new Uint32Array(columns + 1));
  for (let row = rows - 1; row >= 0; row -= 1) {
    for (let column = columns - 1; column >= 0; column -= 1) {
      common[row][column] = expected[row] === logged[column]
        ? common[row + 1][column + 1] + 1
        : Math.max(common[row + 1][column], common[row][column + 1]);
    }
  }
  const lines = [];
  let row = 0;
  let column = 0;
  while (row < rows || column < columns) {
    if (row < rows && column < columns && expected[row] === logged[column]) {
      lines.push({ kind: ' ', line: expected[row] });
      row += 1;
      column += 1;
    } else if (row < rows && (column === columns || common[row + 1][column] >= common[row][column + 1])) {
      lines.push({ kind: '-', line: expected[row] });
      row += 1;
    } else {
      lines.push({ kind: '+', line: logged[column] });
      column += 1;
    }
  }
  return lines;
}

/** Text as the runner compares it: LF line ends, no trailing whitespace at the end. */
export function normalizeLog(text) {
  return text.replaceAll('\r\n', '\n').trimEnd();
}
