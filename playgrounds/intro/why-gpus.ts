// Time matrix multiplications of growing size on every backend this browser offers.
import * as tf from '@tensorflow/tfjs';
import { backend, barChart, param, progress, table, useBackend } from 'course';

// Largest matrix side to try; sizes double from 64 up to it.
const MAX_SIZE = param('maxSize', 512);
// Timed repetitions per size, after one untimed warm-up run.
const REPEATS = param('repeats', 3);

const sizes: number[] = [];
for (let n = 64; n <= MAX_SIZE; n *= 2) sizes.push(n);

// The same inputs for every backend, so their products can be compared.
const inputs = new Map(sizes.map((n) => [n, tf.tidy(() => [tf.randomUniform([n, n], -1, 1, 'float32', n).dataSync(), tf.randomUniform([n, n], -1, 1, 'float32', n + 1).dataSync()] as const)]));

interface Measurement { backend: string; size: number; gflops: number; product: Float32Array }
const results: Measurement[] = [];
const original = backend();
const candidates = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const bar = progress('Benchmarking backends', candidates.length * sizes.length);
let done = 0;

for (const name of candidates) {
  try {
    await useBackend(name);
  } catch (err) {
    console.warn(`${name}: not available here (${(err as Error).message})`);
    bar.update((done += sizes.length));
    continue;
  }
  for (const n of sizes) {
    const [aData, bData] = inputs.get(n)!;
    const a = tf.tensor2d(aData, [n, n]);
    const b = tf.tensor2d(bData, [n, n]);
    // Warm-up: the first call compiles GPU programs and allocates buffers; we don't time it.
    const product = tf.matMul(a, b);
    const productData = (await product.data()) as Float32Array;
    product.dispose();
    const start = performance.now();
    for (let r = 0; r < REPEATS; r++) {
      const c = tf.matMul(a, b);
      await c.data(); // wait until the backend has really finished
      c.dispose();
    }
    const seconds = (performance.now() - start) / 1000 / REPEATS;
    // An n×n by n×n product takes n³ multiplications and n³ additions.
    results.push({ backend: name, size: n, gflops: (2 * n ** 3) / seconds / 1e9, product: productData });
    tf.dispose([a, b]);
    bar.update(++done);
  }
}
await useBackend(original as (typeof candidates)[number]);

const measured = [...new Set(results.map((r) => r.backend))];
table(
  sizes.map((n) => [`${n}×${n}`, ...results.filter((r) => r.size === n).map((r) => Number(r.gflops.toFixed(3)))]),
  { caption: 'Speed in GFLOP/s (billions of floating-point operations per second)', columns: ['size', ...measured] },
);

const largest = results.filter((r) => r.size === sizes.at(-1));
barChart({ title: `GFLOP/s at ${sizes.at(-1)}×${sizes.at(-1)}`, yLabel: 'GFLOP/s', categories: largest.map((r) => r.backend), values: largest.map((r) => r.gflops) });

// Every backend must compute the same products, up to float rounding: each one is
// checked, size by size, against the last backend measured (usually the CPU).
const reference = measured.at(-1)!;
for (const name of measured.slice(0, -1)) {
  let maxDiff = 0;
  for (const r of results.filter((m) => m.backend === name)) {
    const expected = results.find((m) => m.backend === reference && m.size === r.size)!.product;
    for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(r.product[i]! - expected[i]!));
  }
  console.log(`${name} vs ${reference}: largest difference ${maxDiff.toExponential(2)} over ${sizes.length} sizes`);
}
