import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/runner/protocol.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';
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

  const descentLosses = (outputs: Output[]) => outputs.flatMap((o) => (o.kind === 'chart-points' ? o.points.map(([, y]) => y) : []));

  it('learning rate 0.5 is below 0.1 after one epoch but settles above 0.1\'s loss (each batch pulls the line)', async () => {
    const fast = descentLosses((await runPlaygroundFile('linear/gradient-descent.ts', { params: { learningRate: 0.5, epochs: 30 } })).outputs);
    const base = descentLosses((await runPlaygroundFile('linear/gradient-descent.ts', { params: { learningRate: 0.1, epochs: 30 } })).outputs);
    expect(fast[0]).toBeLessThan(0.1);
    expect(fast.at(-1)).toBeCloseTo(0.096, 3);
    expect(base.at(-1)).toBeCloseTo(0.089, 3);
  });

  it('batch size: the whole set is 30 steps in 30 epochs (m only about 2.47); one point per step never settles (loss 0.095)', async () => {
    const whole = await runPlaygroundFile('linear/gradient-descent.ts', { params: { batchSize: 200, epochs: 30 } });
    expect(whole.error).toBeUndefined();
    const [, m] = row(tables(whole.outputs)[0]!, 'learned');
    expect(m).toBeCloseTo(2.47, 2);
    expect(tables(whole.outputs)[0]!.caption).toBe('After 30 steps');
    const single = descentLosses((await runPlaygroundFile('linear/gradient-descent.ts', { params: { batchSize: 1, epochs: 30 } })).outputs);
    expect(single.at(-1)).toBeCloseTo(0.095, 3);
  });

  /** The loss per epoch of each series of the optimizers chart: SGD, Adam loop, model.fit. */
  const curves = (outputs: Output[]) => {
    const series: number[][] = [[], [], []];
    for (const o of outputs) if (o.kind === 'chart-points') series[o.series]!.push(...o.points.map(([, y]) => y));
    return series;
  };
  const learned = (outputs: Output[]) => tables(outputs)[0]!.rows.map((r) => r.slice(1).map(Number));

  it('SGD, Adam and model.fit all find the line; model.fit is the Adam loop to every digit; SGD leads for five epochs', async () => {
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
    const [, adamLoop, viaFit] = learned(run.outputs);
    expect(viaFit).toEqual(adamLoop);
    const [sgd, adam, fit] = curves(run.outputs);
    // The curves differ only by float rounding: evaluate() averages the loss in batches of 32.
    expect(fit).toHaveLength(40);
    fit!.forEach((loss, i) => expect(Math.abs(loss - adam![i]!) / adam![i]!, `epoch ${i + 1}`).toBeLessThan(1e-5));
    expect(sgd).toHaveLength(40);
    // "On this tiny problem plain SGD gets there first."
    for (let epoch = 0; epoch < 5; epoch++) expect(sgd![epoch]!, `epoch ${epoch + 1}`).toBeLessThan(adam![epoch]!);
  });

  it('shuffle: true gives model.fit other batches: its curve leaves the loop\'s, and it still finds the line', async () => {
    // fit shuffles with Math.random: seeded, so the test sees the same batches every time.
    const random = Math.random;
    Math.random = seededRandom(1);
    const run = await runPlaygroundFile('linear/optimizers.ts', { params: { epochs: 40, shuffle: true } }).finally(() => (Math.random = random));
    expect(run.error).toBeUndefined();
    const [, adam, fit] = curves(run.outputs);
    const gap = Math.max(...fit!.map((loss, i) => Math.abs(loss - adam![i]!) / adam![i]!));
    expect(gap).toBeGreaterThan(1e-3);
    const [, , [m, b]] = learned(run.outputs);
    expect(Math.abs(m! - 3)).toBeLessThan(0.15);
    expect(Math.abs(b! - 2)).toBeLessThan(0.1);
  });

  it('Adam moves each weight by about its learning rate per step: at 0.001, 400 steps take m from -1 only to about -0.62', async () => {
    const slow = await runPlaygroundFile('linear/optimizers.ts', { params: { epochs: 40, adamLearningRate: 0.001 } });
    const [, [m001, b001]] = learned(slow.outputs);
    expect(m001).toBeCloseTo(-0.62, 1);
    expect(b001).toBeLessThan(0.4);
    const [sgd] = learned(slow.outputs);
    expect(Math.abs(sgd![0]! - 3)).toBeLessThan(0.15);
    const medium = await runPlaygroundFile('linear/optimizers.ts', { params: { epochs: 40, adamLearningRate: 0.01 } });
    const [, [m01]] = learned(medium.outputs);
    // Not there yet after 400 steps of about 0.01 or less.
    expect(m01).toBeCloseTo(1.93, 1);
  });
});
