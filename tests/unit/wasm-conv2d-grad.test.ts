/**
 * The Conv2DBackpropFilter kernel that src/runner/wasm-kernels.ts adds to the WASM
 * backend: the filter gradient of conv2d must equal the CPU backend's, for strides,
 * paddings and channel counts a CNN uses.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '../../src/runner/wasm-kernels.ts';

const CASES: { x: [number, number, number, number]; k: number; c: number; stride: number; pad: 'valid' | 'same' | number }[] = [
  { x: [2, 8, 8, 1], k: 3, c: 4, stride: 1, pad: 'valid' },
  { x: [3, 9, 7, 3], k: 3, c: 5, stride: 2, pad: 'same' },
  { x: [1, 10, 10, 2], k: 5, c: 3, stride: 1, pad: 2 },
  { x: [2, 7, 7, 2], k: 2, c: 2, stride: 3, pad: 'valid' },
];

function filterGradient(backend: string, c: (typeof CASES)[number]): Float32Array {
  void tf.setBackend(backend); // both are initialised in beforeAll, so this switches at once
  expect(tf.getBackend()).toBe(backend);
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, 'float32', 1);
    const w = tf.randomNormal([c.k, c.k, c.x[3], c.c], 0, 1, 'float32', 2);
    const grad = tf.grad((filter: tf.Tensor) => tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, c.stride, c.pad).square().sum());
    return grad(w).dataSync() as Float32Array;
  });
}

beforeAll(async () => {
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
  }
});
afterAll(() => tf.setBackend('cpu'));

it('conv2d filter gradients on WASM equal the CPU backend', () => {
  for (const c of CASES) {
    const cpu = filterGradient('cpu', c);
    const wasm = filterGradient('wasm', c);
    expect(wasm.length).toBe(cpu.length);
    const scale = Math.max(...cpu.map(Math.abs));
    const worst = Math.max(...cpu.map((v, i) => Math.abs(v - wasm[i]!)));
    expect(worst / scale, JSON.stringify(c)).toBeLessThan(1e-4);
  }
});
