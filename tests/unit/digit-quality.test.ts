import { describe, expect, it } from 'vitest';
import { qualityOf } from '../../scripts/reference/digit-quality.ts';

const oneHot = (digit: number, p: number) => Array.from({ length: 10 }, (_, d) => (d === digit ? p : (1 - p) / 9));

describe('qualityOf (how chapter 8 scores generated digits)', () => {
  it('counts a reading as confident from probability 0.9 on, and the distinct digits among those', () => {
    const q = qualityOf([oneHot(3, 0.95), oneHot(3, 0.9), oneHot(7, 0.99), oneHot(1, 0.89)]);
    expect(q).toEqual({ images: 4, confident: 0.75, digitsPresent: 2 });
  });
  it('ignores the digits of unconfident readings', () => {
    expect(qualityOf([oneHot(0, 0.5), oneHot(1, 0.5)])).toEqual({ images: 2, confident: 0, digitsPresent: 0 });
  });
  it('with the digits asked for, counts the confident readings of the digit asked for', () => {
    const q = qualityOf([oneHot(3, 0.95), oneHot(3, 0.95), oneHot(7, 0.5)], [3, 4, 7]);
    expect(q).toMatchObject({ confident: 2 / 3, asAsked: 1 / 3 });
    expect(() => qualityOf([oneHot(3, 0.95)], [3, 4])).toThrow('2 digits asked for, 1 images');
  });
});
