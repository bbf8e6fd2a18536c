// Max pooling: keep the largest value of each 2x2 window. First on 16 numbers you can
// check by hand, then on a feature map of a real hand sign.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, param, table } from 'course';

const INDEX = param('index', 0, { label: 'training image', min: 0 });

// The worked example: a 4x4 map becomes 2x2, one number per window.
const small = tf.tensor4d([1, 3, 2, 0, 4, 6, 1, 1, 0, 2, 9, 5, 1, 1, 7, 8], [1, 4, 4, 1]);
const pooledSmall = tf.maxPool(small, 2, 2, 'valid');
const rows = async (t: tf.Tensor4D) => (await t.array())[0]!.map((row) => row.map((cell) => cell[0]!));
table(await rows(small), { caption: 'A 4x4 feature map' });
table(await rows(pooledSmall), { caption: 'After 2x2 max pooling with stride 2' });

const asl = await data.asl();
const { train, letters } = asl;
if (INDEX >= train.labels.length) throw new RangeError(`index ${INDEX}: the training set has ${train.labels.length} images (0 to ${train.labels.length - 1})`);
const sign = train.xs.slice(INDEX, 1);

// A feature map like a first convolutional layer makes: chapter 4's vertical-edge kernel,
// made positive on both sides of an edge. The image's border pixels are repeated first
// ("symmetric" padding): zeros there would make the frame itself the strongest edge.
const edges = tf.tensor4d([-1, 0, 1, -2, 0, 2, -1, 0, 1], [3, 3, 1, 1]);
const map = tf.tidy(() => tf.conv2d(tf.mirrorPad(sign, [[0, 0], [1, 1], [1, 1], [0, 0]], 'symmetric'), edges, 1, 'valid').abs() as tf.Tensor4D);
const once = tf.maxPool(map, 2, 2, 'valid');
const twice = tf.maxPool(once, 2, 2, 'valid');

const stats = async (t: tf.Tensor4D) => {
  const [h, w] = t.shape.slice(1);
  const values = Array.from(await t.data());
  const max = Math.max(...values);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { size: `${h}x${w}`, values: values.length, largest: max.toFixed(3), mean: mean.toFixed(3) };
};
// Each map scaled so that its largest value is white.
const pictures = tf.tidy(() => [sign, ...[map, once, twice].map((t) => t.div(t.max()))].map((t) => t.squeeze([0])));
imageGrid(pictures, {
  scale: 4,
  range: '0-1',
  labels: [`the sign (${letters[train.labels[INDEX]!]})`, 'edges, 28x28', 'max pooled, 14x14', 'again, 7x7'],
  caption: 'A feature map before and after max pooling, at the same scale: each pooling halves the size',
});
table([{ step: 'feature map', ...(await stats(map)) }, { step: 'max pooled once', ...(await stats(once)) }, { step: 'max pooled twice', ...(await stats(twice)) }], {
  caption: 'What survives: a quarter of the values each time, the strongest of each window',
});
console.log('The largest value survives every pooling; the mean rises, because the weak values are the ones dropped.');

tf.dispose([small, pooledSmall, sign, edges, map, once, twice, ...pictures]);
asl.dispose();
