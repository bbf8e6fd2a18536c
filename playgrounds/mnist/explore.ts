// A first look at MNIST: each example is a 28x28 grey picture of a digit and its label.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, param, table } from 'course';

const SHOW = param('show', 32, { label: 'digits to show', min: 8, max: 96, step: 8 });

// The 10,000 digits every copy of this site carries. Where the site also has the whole
// MNIST, { set: 'full' } loads its 60,000 training and 10,000 test digits instead.
const mnist = await data.mnist({ set: 'bundled' });
const { train, validation } = mnist;

// Images come as one 4-D tensor: [examples, height, width, channels]. Grey images
// have a single channel, so one digit is 28x28x1.
console.log('training images:', train.xs.shape, 'labels:', train.ys.shape);
console.log('validation images:', validation.xs.shape);

const firstDigits = train.xs.slice(0, SHOW);
imageGrid(firstDigits, {
  columns: 8,
  labels: Array.from(train.labels.subarray(0, SHOW)),
  scale: 2,
  caption: `The first ${SHOW} training digits and their labels`,
});

// A dense layer wants a flat list of numbers, so the 28 rows of a digit are laid end
// to end: 28 x 28 x 1 = 784 inputs. Pixels were scaled from 0-255 down to 0-1.
const first = train.xs.slice(0, 1);
const flat = first.reshape([1, 784]);
console.log('one digit', first.shape, 'flattened', flat.shape);
const values = await flat.data();
console.log('its middle row, pixels 392-419:', Array.from(values.subarray(392, 420), (v) => +v.toFixed(2)).join(' '));

// The answer is one of 10 classes, written "one-hot": a 1 at the label's position.
// The network will have 10 outputs, one per digit, to compare with this.
const oneHot = train.ys.slice(0, 1);
console.log(`label ${train.labels[0]} as one-hot:`, Array.from(await oneHot.data()).join(' '));

// Roughly balanced classes mean accuracy is a fair measure: always guessing one digit
// would score only about 10%.
const count = (labels: Int32Array) => Array.from({ length: 10 }, (_, d) => labels.filter((l) => l === d).length);
table(
  { digit: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], training: count(train.labels), validation: count(validation.labels) },
  { caption: 'How many examples of each digit' },
);

tf.dispose([firstDigits, first, flat, oneHot]);
mnist.dispose();
