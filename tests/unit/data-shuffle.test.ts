import { describe, expect, it } from 'vitest';
import { permutation, shuffledIndices, splitIndices } from '../../src/course/data/shuffle.ts';

describe('seeded shuffle and split', () => {
  it('is a permutation, deterministic per seed and different across seeds', () => {
    const a = permutation(1000, 42);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect([...permutation(1000, 42)]).toEqual([...a]);
    expect([...permutation(1000, 43)]).not.toEqual([...a]);
    // Not the identity: a broken shuffle that leaves most items in place would fail this.
    expect(a.filter((v, i) => v === i).length).toBeLessThan(20);
  });

  it('splits 10,000 into 8,000 / 2,000 disjoint examples by default ratio', () => {
    const { train, validation } = splitIndices(10_000, { validationSplit: 0.2, seed: 42 });
    expect(train.length).toBe(8000);
    expect(validation.length).toBe(2000);
    const seen = new Set([...train, ...validation]);
    expect(seen.size).toBe(10_000);
  });

  it('applies limit before splitting and validates options', () => {
    const { train, validation } = splitIndices(10_000, { validationSplit: 0.25, seed: 1, limit: 100 });
    expect([train.length, validation.length]).toEqual([75, 25]);
    expect(shuffledIndices(50, 3, 500).length).toBe(50);
    expect(() => splitIndices(10, { validationSplit: 1, seed: 1 })).toThrow(/validationSplit/);
    expect(() => shuffledIndices(10, 1, 0)).toThrow(/limit/);
  });
});
