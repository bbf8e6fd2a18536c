import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/runner/protocol.ts';
import { runPlaygroundFile } from './harness.ts';

type Table = Extract<Output, { kind: 'table' }>;

describe('chapter 1: what is deep learning', () => {
  it('why GPUs: reports GFLOP/s for every backend available and equal products', async () => {
    const run = await runPlaygroundFile('intro/why-gpus.ts', { params: { maxSize: 128, repeats: 1 } });
    expect(run.error).toBeUndefined();
    expect(run.summary.tensorsAfter, 'tensors left allocated').toBe(run.summary.tensorsBefore);
    const table = run.outputs.find((o): o is Table => o.kind === 'table')!;
    // Node offers the WASM and CPU backends (no GPU without a browser).
    expect(table.columns).toEqual(['size', 'wasm', 'cpu']);
    expect(table.rows.map((r) => r[0])).toEqual(['64×64', '128×128']);
    for (const r of table.rows) for (const v of r.slice(1)) expect(Number(v)).toBeGreaterThan(0);
    const bar = run.outputs.find((o) => o.kind === 'chart');
    expect(bar?.kind === 'chart' && bar.spec.categories).toEqual(['wasm', 'cpu']);
    const diff = run.logs.find((l) => l.startsWith('wasm vs cpu'));
    expect(diff).toBeDefined();
    expect(diff).toMatch(/over 2 sizes$/);
    expect(Number(/difference (\S+)/.exec(diff!)![1])).toBeLessThan(1e-3);
  });

  it('data + answers = rules: the model finds F = 1.8·C + 32', async () => {
    const run = await runPlaygroundFile('intro/rules-from-data.ts');
    expect(run.error).toBeUndefined();
    expect(run.summary.tensorsAfter, 'tensors left allocated').toBe(run.summary.tensorsBefore);
    const table = run.outputs.find((o): o is Table => o.kind === 'table')!;
    const learned = table.rows.find((r) => r[0] === 'learned rule')!;
    expect(Number(learned[1])).toBeCloseTo(1.8, 1);
    expect(Math.abs(Number(learned[2]) - 32)).toBeLessThan(1);
  });
});
