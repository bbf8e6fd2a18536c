/**
 * Data augmentation with TF.js: a batch of images of any size and channel count, each
 * with its own random transform. Flips, rotation, zoom and shift make one projective map
 * per image, so the whole batch's geometry is one `tf.image.transform`; brightness and
 * contrast are per-image factors. The random draws are `augmentation.ts`'s, seeded.
 */
import * as tf from '@tensorflow/tfjs';
import { augmentationSampler, isGeometricIdentity, projectiveMap, type Augmentation, type AugmentRanges } from './augmentation.ts';

export interface ApplyOptions {
  /**
   * What fills the space a transform uncovers: 'nearest' repeats the edge pixels (as
   * Keras' ImageDataGenerator does by default), 'constant' uses `fillValue`, 'reflect'
   * mirrors the image, 'wrap' tiles it. Default 'nearest'.
   */
  fill?: 'nearest' | 'constant' | 'reflect' | 'wrap';
  fillValue?: number;
  /** Largest pixel value: results of brightness and contrast are clipped to 0..maxValue. Default 1. */
  maxValue?: number;
}

export interface AugmenterOptions extends AugmentRanges, ApplyOptions {
  /** Seed of the random transforms; the same seed repeats the same batches. Default 1. */
  seed?: number;
}

export interface Augmenter {
  /** A new tensor: each image of the batch under its own random transform. */
  augment(images: tf.Tensor4D): tf.Tensor4D;
  /** The transforms the last `augment` drew, one per image. */
  readonly last: readonly Augmentation[];
}

/** Applies `augmentations[i]` to image i of `images` ([n, h, w, c], or one image [h, w, c]). */
export function augment<T extends tf.Tensor3D | tf.Tensor4D>(images: T, augmentations: Augmentation | readonly Augmentation[], options: ApplyOptions = {}): T {
  const { fill = 'nearest', fillValue = 0, maxValue = 1 } = options;
  if (images.rank !== 3 && images.rank !== 4) throw new RangeError(`augment: expected images [n, height, width, channels] or one image [height, width, channels], got shape [${images.shape.join(', ')}]`);
  return tf.tidy(() => {
    const batch = (images.rank === 3 ? images.expandDims(0) : images).toFloat() as tf.Tensor4D;
    const [n, height, width] = batch.shape;
    const augs = Array.isArray(augmentations) ? (augmentations as readonly Augmentation[]) : Array<Augmentation>(n).fill(augmentations as Augmentation);
    if (augs.length !== n) throw new RangeError(`augment: ${augs.length} transforms for a batch of ${n} images`);
    let out: tf.Tensor = batch;
    if (!augs.every(isGeometricIdentity)) {
      const maps = augs.map((a) => projectiveMap(a, height, width));
      // TF.js 4.22's CPU kernel for Transform returns after the first image of a batch,
      // leaving the others filled with fillValue; there it goes one image at a time.
      out = tf.getBackend() === 'cpu' && n > 1
        ? tf.concat(maps.map((m, i) => tf.image.transform(batch.slice(i, 1), tf.tensor2d([m]), 'bilinear', fill, fillValue)))
        : tf.image.transform(batch, tf.tensor2d(maps, [n, 8]), 'bilinear', fill, fillValue);
    }
    const perImage = (values: number[]) => tf.tensor4d(values, [n, 1, 1, 1]);
    const photometric = augs.some((a) => a.brightness !== 1 || a.contrast !== 1);
    if (augs.some((a) => a.brightness !== 1)) out = out.mul(perImage(augs.map((a) => a.brightness)));
    if (augs.some((a) => a.contrast !== 1)) {
      // Contrast about each image's own mean (over all its pixels and channels), so the
      // average brightness stays where it was.
      const mean = out.mean([1, 2, 3], true);
      out = out.sub(mean).mul(perImage(augs.map((a) => a.contrast))).add(mean);
    }
    if (photometric) out = out.clipByValue(0, maxValue);
    return (images.rank === 3 ? out.squeeze([0]) : out) as T;
  });
}

/**
 * A seeded random augmenter for training: call `augment(batch)` on every batch and each
 * image gets a new random transform; the same seed and batches give the same results.
 *
 * @example const augmenter = images.augmenter({ rotation: 10, zoom: 0.1, flipHorizontal: true, seed: 1 });
 */
export function augmenter(options: AugmenterOptions): Augmenter {
  const { seed = 1, fill, fillValue, maxValue, ...ranges } = options;
  const sample = augmentationSampler(ranges, seed);
  let last: Augmentation[] = [];
  return {
    augment(images) {
      if (images.rank !== 4) throw new RangeError(`augmenter: expected a batch [n, height, width, channels], got shape [${images.shape.join(', ')}]`);
      last = sample(images.shape[0]);
      return augment(images, last, { ...(fill && { fill }), ...(fillValue !== undefined && { fillValue }), ...(maxValue !== undefined && { maxValue }) });
    },
    get last() {
      return last;
    },
  };
}
