/**
 * Seeded augmentation for colour photos on 0..255 RGB tensors (chapter 6): random rotation, random resized crop,
 * horizontal flip and colour jitter (brightness, contrast, saturation, hue), the recipe
 * of torchvision's RandomRotation / RandomResizedCrop / RandomHorizontalFlip /
 * ColorJitter that the course's transfer-learning notebook uses. Every random number
 * comes from the `random` function passed in, so a seeded run augments the same way in
 * the browser and in the tests. Chapter 5's augment.ts / augmentation.ts cover the
 * transforms small grey images need (flips, rotation, zoom, shift, brightness, contrast
 * through one projective map); photos add what torchvision's recipe has beyond them:
 * a crop of random area and aspect, saturation and hue.
 */
import * as tf from '@tensorflow/tfjs';
import type { Box } from './crop.ts';

export interface PhotoAugmentOptions {
  /** Output size: the random crop is resized to it. */
  width: number;
  height: number;
  /** Largest rotation either way, in degrees; the corners it uncovers are black. Default 0. */
  rotation?: number;
  /** Fraction of the image's area the crop keeps, [min, max]. Default [1, 1] (whole image). */
  scale?: readonly [number, number];
  /** Crop aspect ratio (width / height) range, sampled log-uniformly. Default [1, 1]. */
  ratio?: readonly [number, number];
  /** Mirror left-right with probability 0.5. Default false. */
  flip?: boolean;
  /** Colour jitter strengths: each factor is drawn from [1 - s, 1 + s]; hue shifts by up to ±s of a full turn. Default 0. */
  brightness?: number;
  contrast?: number;
  saturation?: number;
  hue?: number;
}

/** The course notebook's settings for the presidential doggy door (torchvision names in brackets). */
export const PHOTO_AUGMENTATION: Omit<PhotoAugmentOptions, 'width' | 'height'> = {
  rotation: 25, // RandomRotation(25)
  scale: [0.8, 1], // RandomResizedCrop(scale=(.8, 1), ratio=(1, 1))
  ratio: [1, 1],
  flip: true, // RandomHorizontalFlip()
  brightness: 0.2, // ColorJitter(brightness=.2, contrast=.2, saturation=.2, hue=.2)
  contrast: 0.2,
  saturation: 0.2,
  hue: 0.2,
};

const uniform = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();

/**
 * RandomResizedCrop's box: area `scale` of the image at aspect `ratio`; 10 tries, then
 * the largest centred box whose ratio fits, as torchvision does.
 */
export function randomResizedCropBox(width: number, height: number, scale: readonly [number, number], ratio: readonly [number, number], random: () => number): Box {
  if (!(scale[0] > 0 && scale[0] <= scale[1] && scale[1] <= 1)) throw new RangeError(`augment: scale must satisfy 0 < min <= max <= 1, got [${scale.join(', ')}]`);
  if (!(ratio[0] > 0 && ratio[0] <= ratio[1])) throw new RangeError(`augment: ratio must satisfy 0 < min <= max, got [${ratio.join(', ')}]`);
  const area = width * height;
  for (let attempt = 0; attempt < 10; attempt++) {
    const target = area * uniform(random, scale[0], scale[1]);
    const aspect = Math.exp(uniform(random, Math.log(ratio[0]), Math.log(ratio[1])));
    const w = Math.round(Math.sqrt(target * aspect));
    const h = Math.round(Math.sqrt(target / aspect));
    if (w > 0 && h > 0 && w <= width && h <= height) {
      return { x: Math.floor(random() * (width - w + 1)), y: Math.floor(random() * (height - h + 1)), width: w, height: h };
    }
  }
  const aspect = Math.min(Math.max(width / height, ratio[0]), ratio[1]);
  const w = Math.min(width, Math.round(height * aspect));
  const h = Math.min(height, Math.round(w / aspect));
  return { x: Math.floor((width - w) / 2), y: Math.floor((height - h) / 2), width: w, height: h };
}

/**
 * Hue rotation as a 3x3 matrix on RGB: a turn by `angle` around the grey axis in YIQ
 * space. A linear stand-in for torchvision's HSV hue shift: same direction and size of
 * change, without the per-pixel branches of an HSV round trip.
 */
export function hueMatrix(angle: number): number[][] {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const toYiq = [[0.299, 0.587, 0.114], [0.596, -0.274, -0.322], [0.211, -0.523, 0.312]];
  const fromYiq = [[1, 0.956, 0.621], [1, -0.272, -0.647], [1, -1.106, 1.703]];
  const turn = [[1, 0, 0], [0, c, -s], [0, s, c]];
  const mul = (a: number[][], b: number[][]) => a.map((row) => b[0]!.map((_, j) => row.reduce((sum, v, k) => sum + v * b[k]![j]!, 0)));
  return mul(fromYiq, mul(turn, toYiq));
}

/** One augmented copy of a [height, width, 3] 0..255 image: [options.height, options.width, 3]. */
export function augmentPhoto(image: tf.Tensor3D, options: PhotoAugmentOptions, random: () => number): tf.Tensor3D {
  const { width, height, rotation = 0, scale = [1, 1], ratio = [1, 1], flip = false, brightness = 0, contrast = 0, saturation = 0, hue = 0 } = options;
  if (image.rank !== 3 || image.shape[2] !== 3) throw new RangeError(`augment: expected an RGB image [height, width, 3], got [${image.shape.join(', ')}]`);
  const [h, w] = image.shape;
  // Draw every random number first, in a fixed order, so the result depends on the seed only.
  const angle = (uniform(random, -rotation, rotation) * Math.PI) / 180;
  const box = randomResizedCropBox(w, h, scale, ratio, random);
  const mirror = flip && random() < 0.5;
  const b = uniform(random, 1 - brightness, 1 + brightness);
  const c = uniform(random, 1 - contrast, 1 + contrast);
  const s = uniform(random, 1 - saturation, 1 + saturation);
  const turn = uniform(random, -hue, hue) * 2 * Math.PI;
  return tf.tidy(() => {
    let x = tf.expandDims(image, 0) as tf.Tensor4D;
    if (angle !== 0) x = tf.image.rotateWithOffset(x, angle, 0);
    // cropAndResize boxes are [y1, x1, y2, x2] in 0..1 of the (h - 1, w - 1) pixel grid.
    const norm = [box.y / Math.max(1, h - 1), box.x / Math.max(1, w - 1), (box.y + box.height - 1) / Math.max(1, h - 1), (box.x + box.width - 1) / Math.max(1, w - 1)];
    x = tf.image.cropAndResize(x, [norm], [0], [height, width], 'bilinear');
    if (mirror) x = tf.image.flipLeftRight(x);
    const luma = tf.tensor1d([0.299, 0.587, 0.114]);
    const grey = (t: tf.Tensor) => tf.sum(tf.mul(t, luma), -1, true);
    let y: tf.Tensor = tf.squeeze(x, [0]);
    if (b !== 1) y = tf.clipByValue(tf.mul(y, b), 0, 255);
    if (c !== 1) {
      const mean = tf.mean(grey(y));
      y = tf.clipByValue(tf.add(tf.mul(tf.sub(y, mean), c), mean), 0, 255);
    }
    if (s !== 1) {
      const g = grey(y);
      y = tf.clipByValue(tf.add(tf.mul(tf.sub(y, g), s), g), 0, 255);
    }
    if (turn !== 0) y = tf.clipByValue(tf.matMul(y.reshape([-1, 3]), tf.tensor2d(hueMatrix(turn)), false, true).reshape(y.shape), 0, 255);
    return y as tf.Tensor3D;
  });
}
