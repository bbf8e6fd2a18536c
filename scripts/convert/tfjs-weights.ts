/**
 * Writing weights in the TF.js layers-model format: a weightsManifest in model.json and
 * the values concatenated into fixed-size .bin shards, optionally quantised the way
 * `tf.io.decodeWeights` dequantises (float16 values, or uint8 with a per-tensor affine
 * `value = q * scale + min`).
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';

export type Quantization = 'float32' | 'float16' | 'uint8';
export const QUANTIZATIONS: readonly Quantization[] = ['float32', 'float16', 'uint8'];

/** TF.js' own converter default: 4 MiB shards suit browser caches and HTTP/2 fetches. */
export const DEFAULT_SHARD_BYTES = 4 * 1024 * 1024;

export const BYTES_PER_VALUE: Record<Quantization, number> = { float32: 4, float16: 2, uint8: 1 };

/** The shard names TF.js' own converter uses: group1-shard1of3.bin, ... */
export function shardFileNames(weightBytes: number, shardSize: number = DEFAULT_SHARD_BYTES): string[] {
  const count = Math.max(1, Math.ceil(weightBytes / shardSize));
  return Array.from({ length: count }, (_, i) => `group1-shard${i + 1}of${count}.bin`);
}

const SHARD_NAME = /^group\d+-shard\d+of\d+\.bin$/;

export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface EncodedWeight {
  spec: tf.io.WeightsManifestEntry;
  bytes: Uint8Array;
  /** What TF.js will read back, to measure the quantisation error. */
  dequantized: Float32Array;
}

export function encodeWeight(weight: NamedWeight, quantization: Quantization): EncodedWeight {
  const { name, shape, values } = weight;
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) {
    throw new Error(`weight ${name}: shape [${shape.join(', ')}] holds ${size} values, got ${values.length}`);
  }
  const spec: tf.io.WeightsManifestEntry = { name, shape, dtype: 'float32' };
  if (quantization === 'float32') {
    const copy = new Float32Array(values);
    return { spec, bytes: new Uint8Array(copy.buffer), dequantized: copy };
  }
  if (quantization === 'float16') {
    const half = new Float16Array(values);
    spec.quantization = { dtype: 'float16' };
    return { spec, bytes: new Uint8Array(half.buffer), dequantized: new Float32Array(half) };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (values.length === 0) min = max = 0;
  // A constant tensor still needs a non-zero scale for the decoder's arithmetic.
  const scale = max > min ? (max - min) / 255 : 1;
  const q = new Uint8Array(values.length);
  const dequantized = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    q[i] = Math.round((values[i] - min) / scale);
    dequantized[i] = q[i] * scale + min;
  }
  spec.quantization = { dtype: 'uint8', scale, min };
  return { spec, bytes: q, dequantized };
}

/** Splits `data` into consecutive pieces of `shardBytes` (TF.js joins a group's shards before decoding). */
export function shardBytes(data: Uint8Array, shardSize: number): Uint8Array[] {
  if (!(shardSize > 0)) throw new Error(`shard size must be positive, got ${shardSize}`);
  const shards: Uint8Array[] = [];
  for (let start = 0; start < data.length; start += shardSize) {
    shards.push(data.subarray(start, Math.min(start + shardSize, data.length)));
  }
  return shards;
}

export interface WrittenModel {
  files: string[];
  weightBytes: number;
  /** Largest |stored - original| over all weights (0 for float32). */
  maxWeightError: number;
  /** The weights as TF.js will read them back. */
  dequantized: NamedWeight[];
}

/** Writes `outDir/model.json` and `outDir/group1-shardNofM.bin`. */
export async function writeLayersModel(
  outDir: string,
  modelTopology: object,
  weights: NamedWeight[],
  options: { quantization?: Quantization; shardSize?: number; generatedBy?: string; convertedBy?: string } = {},
): Promise<WrittenModel> {
  const { quantization = 'float32', shardSize = DEFAULT_SHARD_BYTES, generatedBy = null, convertedBy = null } = options;
  const encoded = weights.map((w) => encodeWeight(w, quantization));
  const total = encoded.reduce((sum, e) => sum + e.bytes.length, 0);
  const all = new Uint8Array(total);
  let offset = 0;
  let maxWeightError = 0;
  for (const [i, e] of encoded.entries()) {
    all.set(e.bytes, offset);
    offset += e.bytes.length;
    const original = weights[i].values;
    for (let j = 0; j < original.length; j++) {
      const err = Math.abs(e.dequantized[j] - original[j]);
      if (err > maxWeightError) maxWeightError = err;
    }
  }
  const shards = shardBytes(all, shardSize);
  const paths = shardFileNames(total, shardSize);

  await mkdir(outDir, { recursive: true });
  // Shards of an earlier conversion (another quantisation) would linger on the site.
  for (const old of await readdir(outDir)) {
    if (SHARD_NAME.test(old)) await rm(join(outDir, old));
  }
  const modelJson = {
    format: 'layers-model',
    generatedBy,
    convertedBy,
    modelTopology,
    weightsManifest: [{ paths, weights: encoded.map((e) => e.spec) }],
  };
  await writeFile(join(outDir, 'model.json'), JSON.stringify(modelJson));
  await Promise.all(shards.map((s, i) => writeFile(join(outDir, paths[i]), s)));
  return {
    files: ['model.json', ...paths],
    weightBytes: total,
    maxWeightError,
    dequantized: encoded.map((e, i) => ({ name: weights[i].name, shape: weights[i].shape, values: e.dequantized })),
  };
}
