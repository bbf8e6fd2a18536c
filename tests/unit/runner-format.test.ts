import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { formatArgs, formatNumber, formatTensor, formatValue } from '../../src/runner/format.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('formatTensor', () => {
  it('prints a matrix with shape, dtype and aligned values', () => {
    const t = tf.tensor2d([[1, 2.5], [-3, 40]]);
    expect(formatTensor(t)).toBe('Tensor float32 [2, 2]\n[[  1, 2.5],\n [ -3,  40]]');
    t.dispose();
  });

  it('abbreviates long axes to the first and last three', () => {
    const t = tf.range(0, 1000, 1, 'int32');
    expect(formatTensor(t)).toBe('Tensor int32 [1000]\n[  0,   1,   2, ..., 997, 998, 999]');
    t.dispose();
  });

  it('abbreviates every long axis of a 3-D tensor', () => {
    const t = tf.zeros([10, 2, 8]);
    const text = formatTensor(t);
    expect(text.split('\n')[0]).toBe('Tensor float32 [10, 2, 8]');
    expect(text).toContain('[0, 0, 0, ..., 0, 0, 0]');
    // 6 matrices shown of 2 rows each, plus a "..." between them.
    expect(text.match(/\[0, 0, 0, \.\.\., 0, 0, 0\]/g)).toHaveLength(12);
    expect(text).toContain('...,\n\n');
    t.dispose();
  });

  it('prints scalars, booleans, strings and disposed tensors', () => {
    const s = tf.scalar(0.123456);
    expect(formatTensor(s)).toBe('Tensor float32 [] 0.1235');
    const b = tf.tensor1d([1, 0], 'bool');
    expect(formatTensor(b)).toBe('Tensor bool [2]\n[ true, false]');
    const str = tf.tensor1d(['a', 'b'], 'string');
    expect(formatTensor(str)).toBe('Tensor string [2]\n["a", "b"]');
    s.dispose();
    expect(formatTensor(s)).toBe('Tensor float32 [] (disposed)');
    // Values read before disposal still print.
    expect(formatTensor(s, new Float32Array([2]))).toBe('Tensor float32 [] 2');
    tf.dispose([b, str]);
  });

  it('does not read huge tensors', () => {
    const big = { shape: [2000, 1000], dtype: 'float32', size: 2_000_000, dataSync: () => { throw new Error('read'); }, data: async () => [] };
    expect(formatTensor(big)).toBe('Tensor float32 [2000, 1000] (2,000,000 values, not printed)');
  });
});

describe('formatValue', () => {
  it('formats numbers compactly', () => {
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(1 / 3)).toBe('0.3333');
    expect(formatNumber(1e-7)).toBe('1.000e-7');
    expect(formatNumber(NaN)).toBe('NaN');
  });

  it('formats nested objects with tensors as headers, typed arrays and cycles', () => {
    const t = tf.ones([3]);
    const o: Record<string, unknown> = { loss: 0.25, xs: t, arr: new Float32Array([1, 2]), name: 'mnist', tags: new Set(['a']) };
    o.self = o;
    expect(formatValue(o)).toBe(
      '{ loss: 0.25, xs: Tensor float32 [3], arr: Float32Array(2) [1, 2], name: "mnist", tags: Set(1) ["a"], self: [Circular] }',
    );
    t.dispose();
  });

  it('abbreviates long arrays and deep nesting', () => {
    expect(formatValue(Array.from({ length: 25 }, (_, i) => i))).toMatch(/, 19, \.\.\. 5 more\]$/);
    expect(formatValue({ a: { b: { c: { d: 1 } } } })).toBe('{ a: { b: { c: [Object] } } }');
  });

  it('formats models by their size', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    expect(formatValue(model)).toMatch(/^LayersModel "sequential_\d+" \(1 layers, 8 parameters\)$/);
    model.dispose();
  });

  it('applies console format directives in a leading string', () => {
    expect(formatArgs(['epoch %d: loss %f (%s) %o', 3.7, 0.123456, 'ok', { a: 1 }, 'extra'])).toBe('epoch 3: loss 0.1235 (ok) { a: 1 } extra');
    expect(formatArgs(['%c100%%', 'color: red'])).toBe('100%');
  });

  it('joins console arguments like a console: strings raw, others formatted', () => {
    expect(formatArgs(['epoch', 3, { ok: true }, 'done'])).toBe('epoch 3 { ok: true } done');
  });
});
