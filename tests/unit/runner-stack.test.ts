import { describe, expect, it } from 'vitest';
import { mapColumn } from '../../src/runner/columns.ts';
import { compile, lineOffset, locateCompileError, mapError, type StackContext } from '../../src/runner/stack.ts';
import { transpile } from '../../src/runner/transpile.ts';

const PARAMS = ['require', 'exports', 'module', 'console'];

async function thrownBy(source: string, modules: Record<string, unknown> = {}) {
  const t = transpile(source, 'lesson.ts');
  if (!t.ok) throw new Error(t.error.message);
  const fn = compile(t.code, 'lesson.ts', PARAMS);
  const ctx: StackContext = { filename: 'lesson.ts', offset: lineOffset(PARAMS), sourceLines: source.split('\n'), codeLines: t.code.split('\n') };
  try {
    await fn((s: string) => modules[s], {}, {}, console);
  } catch (err) {
    return mapError(err, ctx);
  }
  throw new Error('expected the code to throw');
}

describe('line offset probe', () => {
  it('measures the lines V8 puts before an AsyncFunction body', () => {
    // V8: "async function anonymous(a,b\n) {\n" - the body starts on line 3.
    expect(lineOffset(PARAMS)).toBe(2);
  });
});

describe('mapError', () => {
  it('maps a throw to the reader\'s line and column, with frames in the reader\'s file only', async () => {
    const source = ['// comment', 'function inner(): never {', '  throw new RangeError("bad");', '}', 'inner();'].join('\n');
    const e = await thrownBy(source);
    expect(e).toMatchObject({ message: 'RangeError: bad', line: 3, column: 9 });
    expect(e.stack).toBe('RangeError: bad\n    at inner (lesson.ts:3:9)\n    at eval (lesson.ts:5:1)');
  });

  it('maps columns through type annotations and rewritten named imports', async () => {
    const source = ["import { boom } from 'm';", 'const n: number = 1; boom(n);'].join('\n');
    const e = await thrownBy(source, { m: { boom: () => { throw new Error('x'); } } });
    // The error's first frame is in the library function; the reader's frame is the call.
    expect(e.stack).toContain('lesson.ts:2:22');
  });

  it('maps errors after template literals (where sucrase source maps drift)', async () => {
    const source = ['const s = `a ${1} b`;', 'const t: string = `${s}`;', 'null!.x;'].join('\n');
    const e = await thrownBy(source);
    expect(e.line).toBe(3);
    expect(e.column).toBe(7); // the `.x`, after the `!` sucrase removed
  });

  it('describes thrown non-errors', async () => {
    const e = await thrownBy('throw "plain string";');
    expect(e).toEqual({ message: 'Uncaught "plain string"' });
  });
});

describe('mapColumn', () => {
  it('is the identity on unchanged lines', () => {
    expect(mapColumn('foo(bar)', 'foo(bar)', 5)).toBe(5);
  });
  it('skips text sucrase put in front of line 1', () => {
    const original = 'boom();';
    const generated = '"use strict"; function _helper(obj) { return obj; }boom();';
    expect(mapColumn(original, generated, generated.indexOf('boom') + 1)).toBe(1);
  });
  it('maps across removed type annotations', () => {
    const original = 'const x: number = y.z;';
    const generated = 'const x = y.z;';
    expect(mapColumn(original, generated, generated.indexOf('y.z') + 1)).toBe(original.indexOf('y.z') + 1);
  });
});

describe('locateCompileError', () => {
  it('points a duplicate declaration at its second occurrence', () => {
    const source = 'const model = 1;\nconsole.log(model);\nlet modelSize = 2;\nconst model = 3;';
    expect(locateCompileError("Identifier 'model' has already been declared", source)).toEqual({ line: 4, column: 7 });
  });
  it('gives up on messages it does not know', () => {
    expect(locateCompileError('Unexpected reserved word', 'await x')).toBeUndefined();
  });
});
