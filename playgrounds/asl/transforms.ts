// Data augmentation: new training images made from old ones by transforms that keep the
// letter. Each transform first on its own, written with TF.js, then random combinations
// of them, as training draws them.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, images, param } from 'course';

const INDEX = param('index', 0, { label: 'training image', min: 0 });
const SEED = param('seed', 1, { min: 0 });

const asl = await data.asl();
const { train, letters } = asl;
if (INDEX >= train.labels.length) throw new RangeError(`index ${INDEX}: the training set has ${train.labels.length} images (0 to ${train.labels.length - 1})`);
const sign = train.xs.slice(INDEX, 1); // a batch of one: [1, 28, 28, 1], values 0..1

const degrees = (d: number) => (d * Math.PI) / 180;
/** A shift by a fraction of the size: each output pixel samples the input dx, dy pixels away. */
const shift = (x: tf.Tensor4D, fx: number, fy: number) => tf.image.transform(x, tf.tensor2d([[1, 0, -fx * 28, 0, 1, -fy * 28, 0, 0]]), 'bilinear', 'nearest');
/** A zoom about the centre: crop the middle 1/factor of the image and resize it back to 28x28. */
const zoom = (x: tf.Tensor4D, factor: number) => {
  const half = 0.5 / factor;
  return tf.image.cropAndResize(x, [[0.5 - half, 0.5 - half, 0.5 + half, 0.5 + half]], [0], [28, 28]);
};
/** Contrast about the image's mean brightness. */
const contrast = (x: tf.Tensor4D, factor: number) => x.sub(x.mean()).mul(factor).add(x.mean()).clipByValue(0, 1);

const single: [string, tf.Tensor][] = tf.tidy(() => [
  ['original', sign.clone()],
  ['horizontal flip', tf.image.flipLeftRight(sign)],
  ['vertical flip', tf.reverse(sign, 1)],
  ['rotated 10°', tf.image.rotateWithOffset(sign, degrees(10), 0)],
  ['rotated -10°', tf.image.rotateWithOffset(sign, degrees(-10), 0)],
  ['zoom 1.2', zoom(sign, 1.2)],
  ['zoom 0.8', zoom(sign, 0.8)],
  ['shift right 10%', shift(sign, 0.1, 0)],
  ['shift up 10%', shift(sign, 0, -0.1)],
  ['brighter x1.2', sign.mul(1.2).clipByValue(0, 1)],
  ['darker x0.8', sign.mul(0.8)],
  ['contrast x1.5', contrast(sign, 1.5)],
  ['contrast x0.5', contrast(sign, 0.5)],
]);
const pictures = single.map(([, t]) => t.squeeze([0]));
imageGrid(pictures, {
  columns: 5,
  scale: 3,
  range: '0-1',
  labels: single.map(([name]) => name),
  caption: `One ${letters[train.labels[INDEX]!]} under each transform (rotation and zoom 0.8 fill what they uncover with black; the shifts repeat the edge pixels)`,
});

// Training draws a new random combination for every image of every batch. The course's
// augmenter makes each image's flip, rotation, zoom and shift one projective map, so a
// whole batch is one tf.image.transform; then brightness and contrast. Seeded: the same
// seed gives the same images on every run.
const augmenter = images.augmenter({ flipHorizontal: true, rotation: 10, zoom: 0.1, shiftX: 0.1, shiftY: 0.1, brightness: 0.2, contrast: 0.5, seed: SEED });
const copies = tf.tile(sign, [16, 1, 1, 1]) as tf.Tensor4D;
const random = augmenter.augment(copies);
imageGrid(random, {
  columns: 4,
  scale: 3,
  range: '0-1',
  labels: augmenter.last.map((a) => `${a.flipHorizontal ? 'flip, ' : ''}${a.angle.toFixed(0)}°, x${a.zoom.toFixed(2)}`),
  caption: `16 random augmentations of the same sign (seed ${SEED}): flip, rotation up to 10°, zoom 0.9-1.1, shifts up to 10%, brightness 0.8-1.2, contrast 0.5-1.5`,
});

tf.dispose([sign, copies, random, ...single.map(([, t]) => t), ...pictures]);
asl.dispose();
