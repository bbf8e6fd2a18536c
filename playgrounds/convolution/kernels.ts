// Classic 3x3 image kernels applied to a real handwritten digit.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, param } from 'course';

const INDEX = param('index', 0, { label: 'validation digit', min: 0, max: 1999 });

// Your kernel: edit these nine numbers and run again. This one lights up edges
// where the image gets brighter from top to bottom.
const MY_KERNEL = [
  [-1, -2, -1],
  [0, 0, 0],
  [1, 2, 1],
];

const KERNELS: Record<string, number[][]> = {
  identity: [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
  // A weighted average of each pixel and its neighbours.
  blur: [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]],
  // The pixel minus its neighbours, added to itself: differences get stronger.
  sharpen: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
  // Sobel: right neighbours minus left ones, so vertical edges light up.
  'edge detection': [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
  emboss: [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
  // Zero where the image is flat, bright at any outline.
  outline: [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
  'your kernel': MY_KERNEL,
};

const mnist = await data.mnist({ set: 'bundled' });
const digit = tf.tidy(() => mnist.validation.xs.slice(INDEX, 1).mul(255)) as tf.Tensor4D; // [1, 28, 28, 1], 0-255

const results = Object.values(KERNELS).map((kernel) =>
  tf.tidy(() => {
    // tf.conv2d wants the kernel as [height, width, input channels, output channels].
    const filter = tf.tensor4d(kernel.flat(), [3, 3, 1, 1]);
    // 'same' pads the border with zeros so the result is 28x28 like the input.
    const out = tf.conv2d(digit, filter, 1, 'same');
    // A screen shows 0-255; like an image editor, clip what falls outside.
    return out.clipByValue(0, 255).reshape([28, 28]);
  }),
);

imageGrid(results, {
  columns: 4,
  scale: 4,
  range: '0-255',
  labels: Object.keys(KERNELS),
  caption: 'One digit, seven kernels',
});

tf.dispose([digit, ...results]);
mnist.dispose();
