import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { encodeWeight, shardBytes } from '../../scripts/convert/tfjs-weights.ts';

const values = Float32Array.from([-2.5, -1, 0, 0.1, 0.3333, 1, 2.75, 1e-9]);
const weight = { name: 'layer/kernel', shape: [2, 4], values };

async function decodedByTfjs(quantization: 'float32' | 'float16' | 'uint8'): Promise<Float32Array> {
  const { spec, bytes } = encodeWeight(weight, quantization);
  const map = tf.io.decodeWeights(bytes.slice().buffer, [spec]);
  expect(map['layer/kernel'].shape).toEqual([2, 4]);
  return (await map['layer/kernel'].data()) as Float32Array;
}

describe('encodeWeight', () => {
  it('float32 is exact', async () => {
    expect(Array.from(await decodedByTfjs('float32'))).toEqual(Array.from(values));
  });

  it('float16: TF.js decodes what the encoder predicts, within half precision', async () => {
    const { dequantized, bytes } = encodeWeight(weight, 'float16');
    expect(bytes.length).toBe(16);
    expect(Array.from(await decodedByTfjs('float16'))).toEqual(Array.from(dequantized));
    values.forEach((v, i) => expect(Math.abs(dequantized[i] - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 6e-8));
    expect(dequantized[1]).toBe(-1); // powers of two are exact
  });

  it('uint8: affine over the tensor range, error at most half a step', async () => {
    const { spec, dequantized, bytes } = encodeWeight(weight, 'uint8');
    expect(bytes.length).toBe(8);
    expect(spec.quantization).toEqual({ dtype: 'uint8', scale: 5.25 / 255, min: -2.5 });
    expect(bytes[0]).toBe(0);
    expect(bytes[6]).toBe(255);
    const decoded = await decodedByTfjs('uint8');
    decoded.forEach((v, i) => expect(v).toBeCloseTo(dequantized[i], 6));
    values.forEach((v, i) => expect(Math.abs(dequantized[i] - v)).toBeLessThanOrEqual(5.25 / 255 / 2 + 1e-6));
  });

  it('uint8 of a constant tensor decodes to the constant', async () => {
    const { spec, bytes } = encodeWeight({ name: 'c', shape: [3], values: Float32Array.from([0.7, 0.7, 0.7]) }, 'uint8');
    const decoded = await tf.io.decodeWeights(bytes.slice().buffer, [spec])['c'].data();
    Array.from(decoded).forEach((v) => expect(v).toBeCloseTo(0.7, 6));
  });

  it('rejects a shape that does not hold the values', () => {
    expect(() => encodeWeight({ name: 'x/y', shape: [3, 3], values }, 'float32')).toThrow(/x\/y: shape \[3, 3\] holds 9 values, got 8/);
  });
});

describe('shardBytes', () => {
  it('splits into full shards plus a remainder that join back to the input', () => {
    const data = Uint8Array.from({ length: 10 }, (_, i) => i);
    const shards = shardBytes(data, 4);
    expect(shards.map((s) => s.length)).toEqual([4, 4, 2]);
    expect(Array.from(shards.flatMap((s) => Array.from(s)))).toEqual(Array.from(data));
    expect(shardBytes(data, 10)).toHaveLength(1);
  });
});
