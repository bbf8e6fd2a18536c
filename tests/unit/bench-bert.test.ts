/** The chapter 7 benchmark reads its figures from what the page prints: the status line and the playgrounds' model-time line. */
import { describe, expect, it } from 'vitest';
import { modelMs } from '../../scripts/bench/bert.ts';
import { runMs } from '../../scripts/bench/lib.ts';
import { formatDuration } from '../../src/playground/output/format.ts';

describe('bench bert: reading the page', () => {
  it('the run time back from every form the status line writes it in', () => {
    for (const ms of [37, 1234, 42_000, 125_000]) {
      const back = runMs(`Done in ${formatDuration(ms)} on WASM, 1 thread`);
      expect(Math.abs(back - ms) / ms).toBeLessThan(0.005);
    }
    expect(() => runMs('Line 3: boom')).toThrow('no run time in the status: Line 3: boom');
  });

  it("the model's own time from the playground's line", () => {
    expect(modelMs('Masked token 8\nBERT read the 25 tokens in 12 ms.\n')).toBe(12);
    expect(modelMs('The model read the 19 tokens in 3 ms.')).toBe(3);
    expect(() => modelMs('nothing')).toThrow('the playground printed no model time');
  });
});
