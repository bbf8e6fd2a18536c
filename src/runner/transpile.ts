/**
 * TypeScript -> JavaScript for the body of an AsyncFunction, with sucrase: it strips
 * types and turns `import`/`export` into `require`/`exports` without moving any code to
 * another line, so the reader's line N is line N of the output (helpers sucrase adds go
 * on line 1). Top-level `await` stays as written and works because the body runs in an
 * AsyncFunction.
 */
import { transform } from 'sucrase';
import type { RunError } from './protocol.ts';

export interface ImportSite {
  specifier: string;
  /** 1-based line in the reader's source. */
  line: number;
}

export interface Transpiled {
  ok: true;
  code: string;
  /** Every module the code asks `require` for, in order of appearance, duplicates kept. */
  imports: ImportSite[];
}

export type TranspileResult = Transpiled | { ok: false; error: RunError };

// Sucrase writes every import (static, re-export, side-effect, dynamic) as
// `require('spec')`; the look-behind keeps `foo.require(` and `"require(` in the reader's
// own strings from counting.
const REQUIRE_CALL = /(?<![\w$."'`])require\((['"])((?:(?!\1).)*)\1\)/g;

export function transpile(source: string, filename: string): TranspileResult {
  let result: ReturnType<typeof transform>;
  try {
    result = transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: filename,
      // An unused import of an unknown module should still be reported, and an import
      // for side effects should still run; `import type` is removed regardless.
      keepUnusedImports: true,
    });
  } catch (err) {
    return { ok: false, error: syntaxError(err, filename) };
  }
  const code = result.code;
  const imports: ImportSite[] = [];
  const lineStarts = lineStartIndexes(code);
  for (const match of code.matchAll(REQUIRE_CALL)) {
    imports.push({ specifier: match[2]!, line: lineOfIndex(lineStarts, match.index) });
  }
  return { ok: true, code, imports };
}

function syntaxError(err: unknown, filename: string): RunError {
  const e = err as { message?: string; loc?: { line: number; column: number } };
  // Sucrase wraps the message as "Error transforming <file>: ... (line:column)"; the
  // position is also in `loc`.
  const message = String(e.message ?? err)
    .replace(/^Error transforming .*?: /, '')
    .replace(/\s*\(\d+:\d+\)$/, '');
  if (e.loc) {
    return {
      phase: 'syntax',
      message: `${message} at ${filename}:${e.loc.line}:${e.loc.column}`,
      line: e.loc.line,
      column: e.loc.column,
    };
  }
  return { phase: 'syntax', message: `${message} in ${filename}` };
}

function lineStartIndexes(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineOfIndex(lineStarts: number[], index: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
