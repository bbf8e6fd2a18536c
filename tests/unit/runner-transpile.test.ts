import { describe, expect, it } from 'vitest';
import { transpile } from '../../src/runner/transpile.ts';

function ok(source: string) {
  const r = transpile(source, 'test.ts');
  if (!r.ok) throw new Error(`expected a transpile, got ${r.error.message}`);
  return r;
}

describe('transpile', () => {
  it('keeps every statement on its line', () => {
    const source = [
      "import * as tf from '@tensorflow/tfjs';",
      "import { log } from 'course';",
      'interface Point { x: number; y: number }',
      'const p: Point = { x: 1, y: 2 };',
      'function f<T>(v: T): T { return v; }',
      'const marker = f(p.x) as number; // line 6',
      'log(tf.scalar(marker));',
    ].join('\n');
    const lines = ok(source).code.split('\n');
    expect(lines[5]).toContain('const marker = f(p.x)');
    expect(lines[6]).toContain('.log');
    expect(lines[6]).toContain('scalar(marker)');
    expect(lines.length).toBe(7);
  });

  it('strips types and keeps top-level await', () => {
    const { code } = ok('const x: number = await Promise.resolve(1);');
    expect(code).toContain('const x = await Promise.resolve(1);');
  });

  it('lists imports with the reader\'s line, including side-effect, re-export and dynamic ones', () => {
    const source = [
      "import * as tf from '@tensorflow/tfjs';",
      "import { log } from 'course';",
      "import 'side-effect';",
      "export * from 'reexported';",
      "const t = await import('@huggingface/transformers');",
      'log(tf, t);',
    ].join('\n');
    expect(ok(source).imports).toEqual([
      { specifier: '@tensorflow/tfjs', line: 1 },
      { specifier: 'course', line: 2 },
      { specifier: 'side-effect', line: 3 },
      { specifier: 'reexported', line: 4 },
      { specifier: '@huggingface/transformers', line: 5 },
    ]);
  });

  it('drops type-only imports and ignores require( inside strings', () => {
    const source = [
      "import type { Tensor } from '@tensorflow/tfjs';",
      "const s = \"require('fake')\";",
      'let t: Tensor | undefined;',
    ].join('\n');
    expect(ok(source).imports).toEqual([]);
  });

  it('reports a syntax error with 1-based line and column and no code', () => {
    const r = transpile('const a = 1;\nconst b = (a + ;\n', 'lesson/x.ts');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.phase).toBe('syntax');
    expect(r.error.line).toBe(2);
    expect(r.error.column).toBe(16);
    expect(r.error.message).toBe('Unexpected token at lesson/x.ts:2:16');
  });
});
