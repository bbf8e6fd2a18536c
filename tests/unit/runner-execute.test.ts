import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as course from '../../src/course/index.ts';
import { activateNodeBackend, createNodeHost } from '../../src/course/hosts/node.ts';
import { execute } from '../../src/runner/execute.ts';
import type { ModuleMap } from '../../src/runner/modules.ts';

const modules: ModuleMap = { '@tensorflow/tfjs': () => tf, course: () => course };

beforeAll(async () => {
  await activateNodeBackend('cpu');
});

async function run(source: string, params = {}) {
  const host = createNodeHost({ assetDir: 'public', params });
  const result = await execute(source, 'lesson.ts', host, modules);
  return { ...result, outputs: host.outputs };
}

describe('execute', () => {
  it('captures console levels and formats tensors', async () => {
    const r = await run([
      "import * as tf from '@tensorflow/tfjs';",
      'const t = tf.tensor1d([1, 2]);',
      "console.log('t =', t);",
      "console.warn('careful');",
      "console.error(new Error('shown, not thrown').message);",
      "console.info({ a: 1 });",
      "console.table([{ x: 1 }]);",
      't.dispose();',
    ].join('\n'));
    expect(r.error).toBeUndefined();
    expect(r.outputs).toEqual([
      { kind: 'log', level: 'log', text: 't = Tensor float32 [2]\n[1, 2]' },
      { kind: 'log', level: 'warn', text: 'careful' },
      { kind: 'log', level: 'error', text: 'shown, not thrown' },
      { kind: 'log', level: 'info', text: '{ a: 1 }' },
      { kind: 'table', columns: ['x'], rows: [[1]] },
    ]);
  });

  it('shows what libraries print during the run, like model.summary()', async () => {
    const r = await run([
      "import * as tf from '@tensorflow/tfjs';",
      'const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: "only" })] });',
      'model.summary();',
      'model.dispose();',
    ].join('\n'));
    const text = r.outputs.map((o) => (o.kind === 'log' ? o.text : '')).join('\n');
    expect(text).toContain('only (Dense)');
    expect(text).toContain('Total params: 8');
  });

  it('lasts until the timers its code started have fired, and says why it goes on', async () => {
    const first = await run("setTimeout(() => console.log('late from the first run'), 30);");
    const second = await run('await new Promise((resolve) => setTimeout(resolve, 80));');
    expect(first.outputs).toEqual([
      { kind: 'html-note', tone: 'info', text: expect.stringContaining('but 1 timeout it started is still running') },
      { kind: 'log', level: 'log', text: 'late from the first run' },
    ]);
    expect(second.outputs).toEqual([]);
  });

  it('gives the global console back after the run', async () => {
    const before = console.log;
    await run("console.log('inside');");
    expect(console.log).toBe(before);
  });

  it('keeps output order when a tensor is read asynchronously and disposed at once', async () => {
    const r = await run([
      "import * as tf from '@tensorflow/tfjs';",
      "import { table } from 'course';",
      'const t = tf.scalar(7);',
      'console.log(t);',
      't.dispose();',
      "table([{ a: 1 }]);",
    ].join('\n'));
    expect(r.outputs.map((o) => o.kind)).toEqual(['log', 'table']);
    expect(r.outputs[0]).toMatchObject({ text: 'Tensor float32 [] 7' });
  });

  it('runs top-level await and measures tensors left allocated', async () => {
    const r = await run([
      "import * as tf from '@tensorflow/tfjs';",
      'await new Promise((resolve) => setTimeout(resolve, 20));',
      'const leaked = tf.ones([2, 2]);',
    ].join('\n'));
    expect(r.error).toBeUndefined();
    expect(r.summary.tensorsAfter - r.summary.tensorsBefore).toBe(1);
    expect(r.summary.durationMs).toBeGreaterThanOrEqual(15);
    expect(r.summary.backend).toBe('cpu');
    expect(r.summary.kept).toBeUndefined();
    tf.disposeVariables();
  });

  it('names the values a run kept, so the page does not call them a leak', async () => {
    const r = await run([
      "import * as tf from '@tensorflow/tfjs';",
      "import { keep } from 'course';",
      "keep('weights', tf.ones([3]));",
    ].join('\n'));
    expect(r.summary.tensorsAfter - r.summary.tensorsBefore).toBe(1);
    expect(r.summary.kept).toEqual(['weights']);
    tf.disposeVariables();
  });

  it('runs nothing when the source has a syntax error', async () => {
    const r = await run("console.log('must not print');\nconst x = ;");
    expect(r.error).toMatchObject({ phase: 'syntax', line: 2, column: 11 });
    expect(r.outputs).toEqual([]);
  });

  it('reports what the engine rejects after sucrase accepted it as a syntax error', async () => {
    const r = await run("console.log('must not print');\nlet a = 1;\nconst  a = 2;");
    expect(r.error).toEqual({ phase: 'syntax', message: "Identifier 'a' has already been declared at lesson.ts:3:8", line: 3, column: 8 });
    expect(r.outputs).toEqual([]);
    const other = await run('function f() { return await 1; }');
    expect(other.error?.phase).toBe('syntax');
    expect(other.error?.message).toMatch(/await is only valid in async functions.*\(in lesson\.ts\)$/);
  });

  it('reports an unknown import before running anything', async () => {
    const r = await run("console.log('must not print');\nimport 'lodash';");
    expect(r.error).toMatchObject({ phase: 'import', line: 2 });
    expect(r.error?.message).toContain('"lodash"');
    expect(r.outputs).toEqual([]);
  });

  it('maps a runtime error to the reader\'s line', async () => {
    const r = await run("import * as tf from '@tensorflow/tfjs';\n\nconst a = tf.ones([2, 3]);\nconst b = tf.ones([2, 3]);\na.matMul(b);");
    expect(r.error).toMatchObject({ phase: 'runtime', line: 5 });
    expect(r.error?.message).toMatch(/inner shapes|must match/i);
    expect(r.error?.stack).toContain('lesson.ts:5:');
  });

  it('reports an unhandled promise rejection with the reader\'s line and ends the run', async () => {
    const r = await run([
      'async function later(): Promise<void> {',
      '  await null;',
      "  throw new TypeError('nobody awaited me');",
      '}',
      'void later();',
      'await new Promise((resolve) => setTimeout(resolve, 5000));',
    ].join('\n'));
    expect(r.error).toMatchObject({ phase: 'runtime', line: 3, message: 'Unhandled promise rejection: TypeError: nobody awaited me' });
    expect(r.summary.durationMs).toBeLessThan(4000);
  });

  it('names a rejection with a non-Error reason once', async () => {
    const r = await run("void Promise.reject(404);\nawait new Promise((resolve) => setTimeout(resolve, 50));");
    expect(r.error?.message).toBe('Unhandled promise rejection: 404');
  });

  it('resolves every import style to the same module', async () => {
    const r = await run([
      "import tfDefault from '@tensorflow/tfjs';",
      "import * as tf from '@tensorflow/tfjs';",
      "import { scalar } from '@tensorflow/tfjs';",
      "const dyn = await import('@tensorflow/tfjs');",
      'console.log(tfDefault.scalar === tf.scalar, scalar === tf.scalar, dyn.scalar === tf.scalar);',
    ].join('\n'));
    expect(r.outputs).toEqual([{ kind: 'log', level: 'log', text: 'true true true' }]);
  });

  it('passes params to course.param and type-checks them', async () => {
    const ok = await run("import { param } from 'course';\nconsole.log(param('epochs', 10) * 2);", { epochs: 3 });
    expect(ok.outputs).toEqual([{ kind: 'log', level: 'log', text: '6' }]);
    const bad = await run("import { param } from 'course';\nparam('epochs', 10);", { epochs: 'three' });
    expect(bad.error).toMatchObject({ line: 2 });
    expect(bad.error?.message).toBe('TypeError: param "epochs": expected a number like its default 10, got string "three"');
  });
});
