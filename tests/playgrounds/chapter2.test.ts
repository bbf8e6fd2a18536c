import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/runner/protocol.ts';
import { runPlaygroundFile } from './harness.ts';

type Table = Extract<Output, { kind: 'table' }>;
const tables = (outputs: Output[]) => outputs.filter((o): o is Table => o.kind === 'table');
const row = (t: Table, first: string) => t.rows.find((r) => r[0] === first)!.map(Number);

describe('chapter 2: a simple linear model', () => {
  it('measures the loss of a guess: the true line scores near the noise floor, a bad guess far above', async () => {
    const bad = await runPlaygroundFile('linear/loss-for-a-guess.ts', { params: { guessM: 0, guessB: 0 } });
    const good = await runPlaygroundFile('linear/loss-for-a-guess.ts', { params: { guessM: 3, guessB: 2 } });
    expect(bad.error).toBeUndefined();
    expect(bad.summary.tensorsAfter, 'tensors left allocated').toBe(bad.summary.tensorsBefore);
    const [badRow] = tables(bad.outputs)[0]!.rows;
    const [goodRow] = tables(good.outputs)[0]!.rows;
    const [, , badMse, badRmse] = badRow!.map(Number);
    const [, , goodMse, goodRmse] = goodRow!.map(Number);
    expect(goodRmse).toBeCloseTo(Math.sqrt(goodMse!), 5);
    // Noise has standard deviation 0.3, so the true line's RMSE is about 0.3.
    expect(goodRmse).toBeGreaterThan(0.2);
    expect(goodRmse).toBeLessThan(0.4);
    expect(badMse).toBeGreaterThan(10 * goodMse!);
    expect(badRmse).toBeGreaterThan(1);
    expect(bad.outputs.some((o) => o.kind === 'chart-data')).toBe(true);
  });

  it('gradient descent recovers m and b within 5% and the loss chart falls', async () => {
    const run = await runPlaygroundFile('linear/gradient-descent.ts', { params: { epochs: 30 } });
    expect(run.error).toBeUndefined();
    expect(run.summary.tensorsAfter, 'tensors left allocated').toBe(run.summary.tensorsBefore);
    const [, m, b] = row(tables(run.outputs)[0]!, 'learned');
    expect(Math.abs(m! - 3) / 3).toBeLessThan(0.05);
    expect(Math.abs(b! - 2) / 2).toBeLessThan(0.05);
    const losses = run.outputs.flatMap((o) => (o.kind === 'chart-points' ? o.points.map(([, y]) => y) : []));
    expect(losses.length).toBe(30);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! / 10);
    expect(run.logs.join('\n')).not.toMatch(/Diverged/);
  });

  it('a learning rate that is too large diverges, and the playground says so', async () => {
    const run = await runPlaygroundFile('linear/gradient-descent.ts', { params: { learningRate: 1.2, epochs: 200 } });
    expect(run.error).toBeUndefined();
    expect(run.summary.tensorsAfter, 'tensors left allocated').toBe(run.summary.tensorsBefore);
    const losses = run.outputs.flatMap((o) => (o.kind === 'chart-points' ? o.points.map(([, y]) => y) : []));
    expect(!Number.isFinite(losses.at(-1)!) || losses.at(-1)! > losses[0]!).toBe(true);
    expect(run.outputs.some((o) => o.kind === 'log' && o.level === 'warn' && /Diverged/.test(o.text))).toBe(true);
  });

  it('SGD, Adam and model.fit all find the line, and model.fit matches the Adam loop step for step', async () => {
    const run = await runPlaygroundFile('linear/optimizers.ts', { params: { epochs: 40 } });
    expect(run.error).toBeUndefined();
    expect(run.summary.tensorsAfter, 'tensors left allocated').toBe(run.summary.tensorsBefore);
    const t = tables(run.outputs)[0]!;
    expect(t.rows).toHaveLength(3);
    for (const [method, m, b] of t.rows) {
      expect(Math.abs(Number(m) - 3), `${method} m`).toBeLessThan(0.15);
      expect(Math.abs(Number(b) - 2), `${method} b`).toBeLessThan(0.1);
    }
    // Same start, same batches, same optimizer: model.fit is the Adam loop, packaged.
    const [, adamLoop, viaFit] = t.rows.map((row) => row.slice(1).map(Number));
    expect(viaFit![0]).toBeCloseTo(adamLoop![0]!, 4);
    expect(viaFit![1]).toBeCloseTo(adamLoop![1]!, 4);
  });
});
