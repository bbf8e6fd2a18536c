/**
 * Mapping a column in sucrase's output back to the reader's line. Sucrase keeps lines
 * but not columns (types vanish, `name` becomes `(0, _mod.name)`, helpers are prepended
 * to line 1), and its source maps lose track after template literals, so columns are
 * mapped by aligning the two versions of the line: a longest common subsequence of
 * characters, matched from the end of the line so that text sucrase put in front is
 * left over rather than matched.
 */

/** 1-based column in `original` for 1-based column `column` in `generated`. */
export function mapColumn(original: string, generated: string, column: number): number {
  if (original === generated) return column;
  // Sucrase calls a named import as `_mod.name.call(void 0, ...)`; V8 places the call at
  // `call`, and the reader wrote `name(...)` and expects the name.
  const before = generated.slice(0, column - 1);
  const call = /[\w$]+\.([\w$]+)\.$/.exec(before);
  if (call && generated.startsWith('call(void 0', column - 1)) column -= call[1]!.length + 1;
  const n = generated.length;
  const m = original.length;
  // lcs[i][j]: LCS length of generated[i..] and original[j..].
  const lcs: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = generated[i] === original[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  // Walk forwards, skipping generated text whenever the best alignment allows, so
  // characters match as late as possible.
  const toOriginal = new Int32Array(n).fill(-1);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (lcs[i + 1]![j]! === lcs[i]![j]!) i++;
    else if (lcs[i]![j + 1]! === lcs[i]![j]!) j++;
    else {
      toOriginal[i] = j;
      i++;
      j++;
    }
  }
  const at = Math.min(Math.max(column - 1, 0), n - 1);
  // The first matched character at or after the position: an error points at the start
  // of an expression, and a rewritten call like `(0, _mod.f)(x)` matches from `f`.
  for (let k = at; k < n; k++) if (toOriginal[k]! >= 0) return toOriginal[k]! + 1;
  for (let k = at; k >= 0; k--) if (toOriginal[k]! >= 0) return toOriginal[k]! + 1;
  return 1;
}
