/**
 * Deterministic shuffles and splits, so a playground shows the same train/validation
 * split on every run, in every browser and in the tests.
 */

/** mulberry32: tiny, fast, good enough to shuffle data (not for cryptography). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher-Yates permutation of 0..n-1. */
export function permutation(n: number, seed: number): Uint32Array {
  const rand = seededRandom(seed);
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

export interface SplitOptions {
  /** Fraction of the examples held out for validation, in [0, 1). */
  validationSplit: number;
  seed: number;
  /** Use only this many examples in total (before splitting). */
  limit?: number;
}

/**
 * Shuffles 0..count-1 with `seed`, keeps the first `limit`, and cuts off the last
 * round(n * validationSplit) as validation.
 */
export function splitIndices(count: number, opts: SplitOptions): { train: Uint32Array; validation: Uint32Array } {
  const { validationSplit, seed, limit } = opts;
  if (!(validationSplit >= 0 && validationSplit < 1)) throw new RangeError(`validationSplit must be in [0, 1), got ${validationSplit}`);
  const n = takeCount(count, limit);
  const p = permutation(count, seed).subarray(0, n);
  const nVal = Math.round(n * validationSplit);
  return { train: p.subarray(0, n - nVal), validation: p.subarray(n - nVal) };
}

/** Shuffles 0..count-1 with `seed` and keeps the first `limit` (all when undefined). */
export function shuffledIndices(count: number, seed: number, limit?: number): Uint32Array {
  return permutation(count, seed).subarray(0, takeCount(count, limit));
}

function takeCount(count: number, limit: number | undefined): number {
  if (limit === undefined) return count;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return Math.min(count, limit);
}
