// Time matrix multiplications of growing size on every backend this browser offers.
import * as tf from '@tensorflow/tfjs';
import { backend, barChart, param, progress, table, useBackend } from 'course';

// Largest matrix side to try; sizes double from 64 up to it.
const MAX_SIZE = param('maxSize', 512, { choices: [128, 256, 512, 1024] });
// Each size is multiplied again and again, after one untimed warm-up, until at least this
// many milliseconds have passed. A page that is not cross-origin isolated reads the
// clock in steps of 0.1 ms or coarser, and a small product can take less than that:
// timed once, it could take "0 ms", an infinite speed.
const MIN_MS = param('minMs', 50);

const sizes: number[] = [];
for (let n = 64; n <= MAX_SIZE; n *= 2) sizes.push(n);

// The same inputs for every backend, so their products can be compared.
async function randomMatrix(n: number, seed: number): Promise<Float32Array> {
  const t = tf.randomUniform([n, n], -1, 1, 'float32', seed);
  const values = (await t.data()) as Float32Array;
  t.dispose();
  return values;
}
const inputs = new Map<number, [Float32Array, Float32Array]>();
for (const n of sizes) inputs.set(n, [await randomMatrix(n, n), await randomMatrix(n, n + 1)]);

/** Calls `once` until at least MIN_MS have passed (and the clock has moved); returns milliseconds per call. */
async function timePerCall(once: () => Promise<void>): Promise<number> {
  const start = performance.now();
  let calls = 0;
  let elapsed = 0;
  do {
    await once();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < MIN_MS || elapsed <= 0);
  return elapsed / calls;
}

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
  if (name === 'wasm') {
    // TF.js uses several threads only where the browser allows shared memory, that is on
    // a cross-origin isolated page.
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT').catch(() => false);
    console.log(
      threads
        ? "wasm: several threads, as this page is cross-origin isolated (the run's summary says how many); cpu: plain JavaScript, one core"
        : 'wasm: one thread, one CPU core (this page is not cross-origin isolated); cpu: plain JavaScript, one core too',
    );
  }
  for (const n of sizes) {
    const [aData, bData] = inputs.get(n)!;
    const a = tf.tensor2d(aData, [n, n]);
    const b = tf.tensor2d(bData, [n, n]);
    // Warm-up: the first call compiles GPU programs and allocates buffers; we don't time it.
    const product = tf.matMul(a, b);
    const productData = (await product.data()) as Float32Array;
    product.dispose();
    const ms = await timePerCall(async () => {
      const c = tf.matMul(a, b);
      await c.data(); // read the product back: only then has the backend really finished
      c.dispose();
    });
    // An n×n by n×n product takes n³ multiplications and n³ additions.
    results.push({ backend: name, size: n, gflops: (2 * n ** 3) / (ms / 1000) / 1e9, product: productData });
    tf.dispose([a, b]);
    bar.update(++done);
  }
}
await useBackend(original as (typeof candidates)[number]);

const measured = [...new Set(results.map((r) => r.backend))];
table(
  sizes.map((n) => [`${n}×${n}`, ...results.filter((r) => r.size === n).map((r) => Number(r.gflops.toFixed(3)))]),
  {
    caption: `Speed in GFLOP/s (billions of floating-point operations per second), each product timed with reading it back, over at least ${MIN_MS} ms of repeats`,
    columns: ['size', ...measured],
  },
);

const largest = results.filter((r) => r.size === sizes.at(-1));
barChart({
  title: `GFLOP/s at ${sizes.at(-1)}×${sizes.at(-1)}, including reading the product back`,
  yLabel: 'GFLOP/s',
  categories: largest.map((r) => r.backend),
  values: largest.map((r) => r.gflops),
});

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
