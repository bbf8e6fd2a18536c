/**
 * `npm run assets` entries for the VGG16 ImageNet weights: the keras-applications HDF5
 * files, converted by keras-h5-to-tfjs.ts into public/models/vgg16/{notop,full}/.
 * Quantisation per entry can be changed with VGG16_NOTOP_QUANTIZE / VGG16_FULL_QUANTIZE
 * (float32 | float16 | uint8); docs/models.md lists the sizes and measured errors.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AssetEntry } from '../assets/entry.ts';
import { VGG16_PARAMS, VGG16_WEIGHTS_PATHS } from '../../src/course/models/vgg16.ts';
import { convertVgg16, formatReport } from './keras-h5-to-tfjs.ts';
import { BYTES_PER_VALUE, QUANTIZATIONS, shardFileNames, type Quantization } from './tfjs-weights.ts';

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export function checkHdf5(path: string): void {
  const fd = openSync(path, 'r');
  const head = new Uint8Array(8);
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (!HDF5_SIGNATURE.every((b, i) => head[i] === b)) throw new Error(`${path}: not an HDF5 file (no HDF5 signature)`);
}

function quantizationFrom(envName: string, fallback: Quantization): Quantization {
  const value = process.env[envName]?.trim() || fallback;
  if (!QUANTIZATIONS.includes(value as Quantization)) {
    throw new Error(`${envName}=${value}: expected one of ${QUANTIZATIONS.join(', ')}`);
  }
  return value as Quantization;
}

// The Keras download locations (keras.applications.vgg16) and their md5 file hashes.
const KERAS_MIRRORS = [
  'https://storage.googleapis.com/tensorflow/keras-applications/vgg16/',
  'https://github.com/fchollet/deep-learning-models/releases/download/v0.1/',
];

function vgg16Entry(variant: 'notop' | 'full', file: string, size: number, md5: string, quantization: Quantization): AssetEntry {
  const modelJson = VGG16_WEIGHTS_PATHS[variant];
  const dir = dirname(modelJson);
  const weightBytes = VGG16_PARAMS[variant] * BYTES_PER_VALUE[quantization];
  return {
    id: `vgg16-${variant}`,
    title: `VGG16 ImageNet weights ${variant === 'full' ? 'with' : 'without'} the classifier top, as ${quantization}`,
    optional: variant === 'full',
    downloads: [{ file, urls: KERAS_MIRRORS.map((m) => m + file), size, md5, check: checkHdf5 }],
    outputs: [modelJson, ...shardFileNames(weightBytes).map((s) => `${dir}/${s}`)],
    async convert(ctx) {
      const report = await convertVgg16(ctx.files[file]!, dirname(ctx.output(modelJson)), quantization);
      ctx.log(formatReport(report));
    },
  };
}

export const VGG16_ASSETS: AssetEntry[] = [
  vgg16Entry(
    'notop',
    'vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5',
    58_889_256,
    '6d6bbae143d832006294945121d1f1fc',
    quantizationFrom('VGG16_NOTOP_QUANTIZE', 'float16'),
  ),
  vgg16Entry(
    'full',
    'vgg16_weights_tf_dim_ordering_tf_kernels.h5',
    553_467_096,
    '64373286793e3c8b2b4e3219cbf3544b',
    quantizationFrom('VGG16_FULL_QUANTIZE', 'uint8'),
  ),
];
