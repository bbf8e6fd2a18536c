import { describe, expect, it } from 'vitest';
import { EARLIER_RUNS, RunHistory, runLabel, type RunInfo } from '../../src/playground/run-history.ts';

const run = (number: number, params: RunInfo['params'], codeHash = 'c1'): RunInfo => ({ number, params, codeHash });

describe('run comparison', () => {
  it('labels an earlier run by the params that differed, then by code', () => {
    expect(runLabel(run(1, { epochs: 5, lr: 0.01 }), run(2, { epochs: 20, lr: 0.01 }))).toBe('epochs 5');
    expect(runLabel(run(1, { epochs: 5, activation: 'sigmoid' }), run(2, { epochs: 20, activation: 'relu' }))).toBe('epochs 5, activation sigmoid');
    expect(runLabel(run(1, { epochs: 5 }, 'a'), run(2, { epochs: 5 }, 'b'))).toBe('other code');
    expect(runLabel(run(1, { epochs: 5 }, 'a'), run(2, { epochs: 9 }, 'b'))).toBe('epochs 5, other code');
    expect(runLabel(run(3, { epochs: 5 }), run(4, { epochs: 5 }))).toBe('run 3');
    // A param only the current run sets says nothing about the earlier one.
    expect(runLabel(run(1, {}), run(2, { epochs: 5 }))).toBe('run 1');
  });

  it('keeps the last few runs per chart, skips empty ones, and clears one chart', () => {
    const history = new RunHistory();
    for (let n = 1; n <= EARLIER_RUNS + 2; n++) history.record('Loss', { run: run(n, {}), series: ['loss'], points: [[[0, n]]] });
    history.record('Loss', { run: run(99, {}), series: ['loss'], points: [[]] });
    history.record('Accuracy', { run: run(1, {}), series: ['acc'], points: [[[0, 1]]] });
    expect(history.earlier('Loss').map((r) => r.run.number)).toEqual([3, 4, 5]);
    history.clear('Loss');
    expect(history.earlier('Loss')).toEqual([]);
    expect(history.earlier('Accuracy')).toHaveLength(1);
  });
});
