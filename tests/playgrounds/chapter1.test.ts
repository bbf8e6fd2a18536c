import { describe, expect, it, vi } from 'vitest';
import type { Output } from '../../src/runner/protocol.ts';
import { runPlaygroundFile, type RunOutcome } from './harness.ts';

type Table = Extract<Output, { kind: 'table' }>;
const firstTable = (run: RunOutcome) => run.outputs.find((o): o is Table => o.kind === 'table')!;

/** The speeds in why-gpus' table, every backend and size. */
const speeds = (run: RunOutcome) => firstTable(run).rows.flatMap((r) => r.slice(1).map(Number));

describe('chapter 1: what is deep learning', () => {
  it('why GPUs: reports GFLOP/s for every backend available, says WASM uses one core, and the products agree', async () => {
    const run = await runPlaygroundFile('intro/why-gpus.ts', { params: { maxSize: 128 } });
    expect(run.error).toBeUndefined();
    expect(run.summary.tensorsAfter, 'tensors left allocated').toBe(run.summary.tensorsBefore);
    const table = firstTable(run);
    // Node offers the WASM and CPU backends (no GPU without a browser).
    expect(table.columns).toEqual(['size', 'wasm', 'cpu']);
    expect(table.rows.map((r) => r[0])).toEqual(['64×64', '128×128']);
    expect(table.caption).toMatch(/timed with reading it back, over at least 50 ms/);
    for (const v of speeds(run)) expect(v).toBeGreaterThan(0);
    const bar = run.outputs.find((o) => o.kind === 'chart');
    expect(bar?.kind === 'chart' && bar.spec.categories).toEqual(['wasm', 'cpu']);
    expect(bar?.kind === 'chart' && bar.spec.title).toMatch(/including reading the product back/);
    // TF.js's WASM backend is single-threaded without cross-origin isolation (and in Node).
    expect(run.logs).toContain('wasm: one thread, one CPU core (this page is not cross-origin isolated); cpu: plain JavaScript, one core too');
    const diff = run.logs.find((l) => l.startsWith('wasm vs cpu'));
    expect(diff).toMatch(/over 2 sizes$/);
    expect(Number(/difference (\S+)/.exec(diff!)![1])).toBeLessThan(1e-3);
  });

  it('why GPUs: a coarse clock (0.1 ms steps as without isolation, 100 ms as Firefox resisting fingerprinting) never gives 0 ms, so every speed is finite', async () => {
    const realNow = performance.now.bind(performance);
    for (const step of [0.1, 100]) {
      const clock = vi.spyOn(performance, 'now').mockImplementation(() => Math.floor(realNow() / step) * step);
      try {
        const run = await runPlaygroundFile('intro/why-gpus.ts', { params: { maxSize: 128 } });
        expect(run.error).toBeUndefined();
        const values = speeds(run);
        expect(values).toHaveLength(4);
        for (const v of values) {
          expect(Number.isFinite(v), `${step} ms clock: ${values.join(', ')}`).toBe(true);
          expect(v).toBeGreaterThan(0);
        }
      } finally {
        clock.mockRestore();
      }
    }
  });

  it('tensors: prints shapes and values, counts tensors made and freed, and leaves none behind', async () => {
    const run = await runPlaygroundFile('intro/tensors.ts');
    expect(run.error).toBeUndefined();
    expect(run.summary.tensorsAfter, 'tensors left allocated').toBe(run.summary.tensorsBefore);
    expect(run.logs).toEqual([
      'a = Tensor float32 [2, 3]\n[[1, 2, 3],\n [4, 5, 6]]',
      'a has shape [2,3] and dtype float32, and lives on the wasm backend',
      'a * 10 = Tensor float32 [2, 3]\n[[10, 20, 30],\n [40, 50, 60]]',
      'await b.data()  -> [10, 20, 30, 40, 50, 60]',
      'await b.array() -> [[10,20,30],[40,50,60]]',
      'a.square().sum() made 2 new tensors (the squares and their sum)',
      'after tf.dispose: 0 new tensors',
      'tf.tidy(() => a.square().sum()) kept 1 new tensor: its result, 91',
      'w after w.assign([0.5, -1, 2]) = Tensor float32 [3]\n[0.5,  -1,   2]',
      'tensors this playground left allocated: 0',
    ]);
  });

  describe('data + answers = rules', () => {
    /** [multiply by, then add, answer for 100 °C] of a row of the playground's table. */
    const rule = (run: RunOutcome, name: string) => firstTable(run).rows.find((r) => r[0] === name)!.slice(1).map(Number);

    it('finds F = 1.8·C + 32 from the seven exact examples, the best line through them', async () => {
      const run = await runPlaygroundFile('intro/rules-from-data.ts');
      expect(run.error).toBeUndefined();
      expect(run.summary.tensorsAfter, 'tensors left allocated').toBe(run.summary.tensorsBefore);
      const [w, b] = rule(run, 'learned rule');
      expect(Math.abs(w! - 1.8)).toBeLessThan(0.001);
      expect(Math.abs(b! - 32)).toBeLessThan(0.05);
      expect(rule(run, 'best line through these examples')).toEqual([1.8, 32, 212]);
      expect(run.logs).toContain('100 °C -> 212.0 °F (true: 212 °F)');
    });

    it('stopped at 50 epochs, training has not reached the rule yet (the text quotes 1.93 and 21.3)', async () => {
      const run = await runPlaygroundFile('intro/rules-from-data.ts', { params: { epochs: 50 } });
      const [w, b] = rule(run, 'learned rule');
      expect(w).toBeCloseTo(1.93, 2);
      expect(b).toBeCloseTo(21.3, 1);
      expect(Math.abs(b! - 32)).toBeGreaterThan(5);
    });

    it('exact readings: four examples, or only two, give the same rule (any two exact points fix a line)', async () => {
      for (const examples of ['0 to 30 °C', 'only two']) {
        const run = await runPlaygroundFile('intro/rules-from-data.ts', { params: { examples } });
        expect(run.error).toBeUndefined();
        const [w, b, at100] = rule(run, 'learned rule');
        expect(Math.abs(w! - 1.8), examples).toBeLessThan(0.002);
        expect(Math.abs(b! - 32), examples).toBeLessThan(0.05);
        expect(Math.abs(at100! - 212), examples).toBeLessThan(0.15);
      }
    });

    it('noisy readings (2 °F, seed 1): the model matches the best line; all seven give 212.0 °F for 100 °C, 0 to 30 °C only 204.5', async () => {
      const answers: Record<string, number> = {};
      for (const examples of ['all seven', '0 to 30 °C']) {
        const run = await runPlaygroundFile('intro/rules-from-data.ts', { params: { examples, noise: 2 } });
        expect(run.error).toBeUndefined();
        const learned = rule(run, 'learned rule');
        const best = rule(run, 'best line through these examples');
        // Training converged: what is left of the error comes from the data.
        expect(Math.abs(learned[2]! - best[2]!), examples).toBeLessThan(0.15);
        answers[examples] = learned[2]!;
      }
      expect(Math.abs(answers['all seven']! - 212)).toBeLessThan(0.15);
      expect(Math.abs(answers['0 to 30 °C']! - 204.5)).toBeLessThan(0.15);
    });
  });
});
