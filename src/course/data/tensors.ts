import * as tf from '@tensorflow/tfjs';
import { pixelsPerExample, type PackedDataset } from './dataset-format.ts';

export interface LabelledImages {
  /** float32 [n, rows, cols, channels], pixel values scaled to 0..1. */
  xs: tf.Tensor4D;
  /** float32 one-hot [n, numClasses]. */
  ys: tf.Tensor2D;
  /** The integer class of each example, in the same order as xs. */
  labels: Int32Array;
}

/** Gathers the examples at `indices` (in that order) into tensors. */
export function toTensors(ds: PackedDataset, indices: ArrayLike<number>): LabelledImages {
  const per = pixelsPerExample(ds);
  const n = indices.length;
  const x = new Float32Array(n * per);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const src = indices[i]! * per;
    const dst = i * per;
    for (let k = 0; k < per; k++) x[dst + k] = ds.pixels[src + k]! / 255;
    labels[i] = ds.labels[indices[i]!]!;
  }
  const xs = tf.tensor4d(x, [n, ds.rows, ds.cols, ds.channels]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), ds.numClasses).toFloat() as tf.Tensor2D);
  return { xs, ys, labels };
}

export function disposeAll(...sets: LabelledImages[]): void {
  for (const s of sets) tf.dispose([s.xs, s.ys]);
}
