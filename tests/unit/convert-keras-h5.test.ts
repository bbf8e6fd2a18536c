import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import h5wasm from 'h5wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertKerasH5ToTfjs } from '../../scripts/convert/keras-h5-to-tfjs.ts';
import { fileModelHandler } from '../../scripts/convert/node-io.ts';

// A model small enough to compute by hand: 5x5x2 input, conv 3x3 'same' relu (3 filters),
// conv 2x2 'valid' (2 filters), flatten, dense (4 units).
const H = 5, W = 5, C = 2, F1 = 3, F2 = 2, UNITS = 4;
const H2 = H - 1, W2 = W - 1;

function known(n: number, seed: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => (((i * 7 + seed * 13) % 23) - 11) / 10);
}
const kernelA = known(3 * 3 * C * F1, 1); // [kh, kw, cin, cout], Keras/TF order
const biasA = known(F1, 2);
const kernelB = known(2 * 2 * F1 * F2, 3);
const biasB = known(F2, 4);
const kernelC = known(H2 * W2 * F2 * UNITS, 5); // [in, out]
const biasC = known(UNITS, 6);
const inputValues = known(H * W * C, 7);
const WEIGHT_COUNT = [kernelA, biasA, kernelB, biasB, kernelC, biasC].reduce((n, a) => n + a.length, 0);

function buildModel(): tf.LayersModel {
  const input = tf.input({ shape: [H, W, C], name: 'input_1' });
  let x = tf.layers.conv2d({ filters: F1, kernelSize: 3, padding: 'same', activation: 'relu', name: 'conv_a' }).apply(input);
  x = tf.layers.conv2d({ filters: F2, kernelSize: 2, padding: 'valid', name: 'conv_b' }).apply(x);
  x = tf.layers.flatten({ name: 'flatten' }).apply(x);
  x = tf.layers.dense({ units: UNITS, name: 'dense_c' }).apply(x);
  return tf.model({ inputs: input, outputs: x as tf.SymbolicTensor, name: 'tiny' });
}

/** The same network in plain loops over NHWC arrays. */
function conv(input: Float32Array, h: number, w: number, cin: number, kernel: Float32Array, bias: Float32Array, k: number, cout: number, pad: number, relu: boolean) {
  const oh = h + 2 * pad - k + 1, ow = w + 2 * pad - k + 1;
  const out = new Float32Array(oh * ow * cout);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++)
      for (let o = 0; o < cout; o++) {
        let s = bias[o];
        for (let dy = 0; dy < k; dy++)
          for (let dx = 0; dx < k; dx++) {
            const iy = y + dy - pad, ix = x + dx - pad;
            if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
            for (let c = 0; c < cin; c++) s += input[(iy * w + ix) * cin + c] * kernel[((dy * k + dx) * cin + c) * cout + o];
          }
        out[(y * ow + x) * cout + o] = relu ? Math.max(0, s) : s;
      }
  return out;
}
function direct(): number[] {
  const a = conv(inputValues, H, W, C, kernelA, biasA, 3, F1, 1, true);
  const b = conv(a, H, W, F1, kernelB, biasB, 2, F2, 0, false);
  return Array.from({ length: UNITS }, (_, u) => {
    let s = biasC[u];
    for (let i = 0; i < b.length; i++) s += b[i] * kernelC[i * UNITS + u];
    return s;
  });
}

let dir: string;

/** Keras' weights-only layout: old-style names for conv_a, TF2-style nested names for the rest. */
async function writeKerasH5(path: string, opts: { layerNames?: boolean; badShape?: boolean } = {}) {
  await h5wasm.ready;
  const f = new h5wasm.File(path, 'w');
  // Fixed-length strings, as h5py stores numpy's bytes arrays.
  if (opts.layerNames !== false) f.create_attribute('layer_names', ['input_1', 'conv_a', 'conv_b', 'flatten', 'dense_c'], [5], 'S7');
  f.create_attribute('backend', 'tensorflow');
  f.create_attribute('keras_version', '2.2.4');
  for (const empty of ['input_1', 'flatten']) f.create_group(empty).create_attribute('weight_names', new Float64Array(0), [0]);
  const a = f.create_group('conv_a');
  a.create_attribute('weight_names', ['conv_a_W_1:0', 'conv_a_b_1:0'], [2], 'S12');
  a.create_dataset({ name: 'conv_a_W_1:0', data: kernelA, shape: [3, 3, C, F1] });
  a.create_dataset({ name: 'conv_a_b_1:0', data: biasA, shape: [F1] });
  for (const [layer, kernel, kshape, bias] of [
    ['conv_b', kernelB, opts.badShape ? [2, 2, F2, F1] : [2, 2, F1, F2], biasB],
    ['dense_c', kernelC, [H2 * W2 * F2, UNITS], biasC],
  ] as const) {
    const g = f.create_group(layer);
    g.create_attribute('weight_names', [`${layer}/kernel:0`, `${layer}/bias:0`]);
    const inner = g.create_group(layer);
    inner.create_dataset({ name: 'kernel:0', data: kernel, shape: [...kshape] });
    inner.create_dataset({ name: 'bias:0', data: bias, shape: [bias.length] });
  }
  f.close();
}

async function predictConverted(outDir: string): Promise<number[]> {
  const model = await tf.loadLayersModel(fileModelHandler(join(outDir, 'model.json')));
  const y = model.predict(tf.tensor4d(inputValues, [1, H, W, C])) as tf.Tensor;
  const values = Array.from(await y.data());
  tf.dispose(y);
  model.dispose();
  return values;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keras-h5-'));
  await writeKerasH5(join(dir, 'tiny.h5'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('convertKerasH5ToTfjs', () => {
  it('writes a layers model whose output equals a direct computation with the file numbers', async () => {
    const out = join(dir, 'f32');
    // 200-byte shards so weights straddle shard boundaries.
    const report = await convertKerasH5ToTfjs({ h5Path: join(dir, 'tiny.h5'), model: buildModel(), outDir: out, shardSize: 200 });
    const expected = direct();
    const got = await predictConverted(out);
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    expect(expected.some((v) => Math.abs(v) > 0.5)).toBe(true);
    const bytes = 4 * WEIGHT_COUNT;
    expect(report.weightBytes).toBe(bytes);
    expect(report.files.length - 1).toBe(Math.ceil(bytes / 200));
    expect((await readdir(out)).sort()).toEqual([...report.files].sort());
    expect(report.maxWeightError).toBe(0);
    expect(report.maxOutputError).toBe(0);
  });

  it.each([
    // float16 keeps 11 significant bits; uint8 spreads 256 levels over each tensor's range (2.2 here).
    ['float16', 2 ** -11 * 1.1, 0.01],
    ['uint8', 2.2 / 255 / 2 + 1e-6, 0.1],
  ] as const)('%s quantisation loads and stays within its error bound', async (quantization, weightBound, outputBound) => {
    const out = join(dir, quantization);
    const report = await convertKerasH5ToTfjs({ h5Path: join(dir, 'tiny.h5'), model: buildModel(), outDir: out, quantization });
    const expected = direct();
    const got = await predictConverted(out);
    const measured = Math.max(...got.map((v, i) => Math.abs(v - expected[i])));
    expect(report.maxWeightError).toBeGreaterThan(0);
    expect(report.maxWeightError).toBeLessThanOrEqual(weightBound);
    expect(measured).toBeGreaterThan(0);
    expect(measured).toBeLessThan(outputBound);
    // The converter's own check (on its seeded input) sees the same kind of error.
    expect(report.maxOutputError).toBeGreaterThan(0);
    expect(report.maxOutputError).toBeLessThan(outputBound);
    expect(report.weightBytes).toBe((quantization === 'float16' ? 2 : 1) * WEIGHT_COUNT);
  });

  it('names the file and the layer when the file does not fit the model', async () => {
    const bad = join(dir, 'bad-shape.h5');
    await writeKerasH5(bad, { badShape: true });
    await expect(convertKerasH5ToTfjs({ h5Path: bad, model: buildModel(), outDir: join(dir, 'x') })).rejects.toThrow(
      /bad-shape\.h5: weight 'conv_b\/conv_b\/kernel:0' has shape \[2, 2, 2, 3\]/,
    );
    const noNames = join(dir, 'no-names.h5');
    await writeKerasH5(noNames, { layerNames: false });
    await expect(convertKerasH5ToTfjs({ h5Path: noNames, model: buildModel(), outDir: join(dir, 'y') })).rejects.toThrow(
      /no-names\.h5 has no 'layer_names' attribute/,
    );
    const other = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 1, name: 'other' })] });
    await expect(convertKerasH5ToTfjs({ h5Path: join(dir, 'tiny.h5'), model: other, outDir: join(dir, 'z') })).rejects.toThrow(
      /tiny\.h5 has weights for layers the model ".*" lacks: conv_a, conv_b, dense_c/,
    );
  });
});
