// Kernels for images with several channels, and how many weights a conv layer has.
import * as tf from '@tensorflow/tfjs';
import { table } from 'course';

// A 5x5 colour image: three channels (red, green, blue), each a 5x5 matrix of whole numbers.
const RED = [[1, 0, 2, 3, 1], [0, 4, 1, 0, 2], [3, 1, 0, 2, 4], [2, 2, 1, 0, 1], [0, 3, 4, 1, 2]];
const GREEN = [[2, 1, 0, 1, 3], [1, 1, 2, 4, 0], [0, 3, 1, 1, 2], [4, 0, 2, 3, 1], [1, 2, 0, 0, 3]];
const BLUE = [[0, 2, 1, 1, 0], [3, 0, 0, 2, 1], [1, 1, 4, 0, 2], [0, 2, 3, 1, 0], [2, 1, 0, 4, 1]];
// One kernel for a colour image is 3x3x3: a 3x3 slice for each channel.
const KERNEL = {
  red: [[1, 0, -1], [1, 0, -1], [1, 0, -1]], // vertical edges in the red channel
  green: [[0, 0, 0], [0, 1, 0], [0, 0, 0]], // green passed through
  blue: [[1, 1, 1], [0, 0, 0], [-1, -1, -1]], // horizontal edges in the blue channel
};

// tf.conv2d wants the image as [batch, height, width, channels] and the kernel as
// [height, width, in channels, out channels]: here [1, 5, 5, 3] and [3, 3, 3, 1].
const channels = [RED, GREEN, BLUE];
const slices = [KERNEL.red, KERNEL.green, KERNEL.blue];
const image = tf.tidy(() => tf.stack(channels.map((c) => tf.tensor2d(c)), 2).expandDims(0)) as tf.Tensor4D;
const kernel = tf.tidy(() => tf.stack(slices.map((k) => tf.tensor2d(k)), 2).expandDims(3)) as tf.Tensor4D;
console.log('image', image.shape, 'kernel', kernel.shape);

// All three channels at once: at each position, 27 products (3x3 in each of 3 channels)
// added into ONE number. The output has one channel per kernel, not per input channel.
const together = tf.conv2d(image, kernel, 1, 'valid');
// The same, one channel at a time: each channel with its own 3x3 slice, then added up.
const summed = tf.tidy(() => {
  const perChannel = channels.map((_, c) =>
    tf.conv2d(image.slice([0, 0, 0, c], [1, 5, 5, 1]), kernel.slice([0, 0, c, 0], [3, 3, 1, 1]), 1, 'valid'),
  );
  return tf.addN(perChannel);
});
const asRows = async (t: tf.Tensor) => {
  const matrix = t.squeeze([0, 3]);
  const rows = (await matrix.array()) as number[][];
  matrix.dispose();
  return rows;
};
table(await asRows(together), { columns: ['0', '1', '2'], caption: 'tf.conv2d with the 3x3x3 kernel: one 3x3 output' });
table(await asRows(summed), { columns: ['0', '1', '2'], caption: 'Red, green and blue convolved separately with their slices, then added' });
const gap = tf.tidy(() => together.sub(summed).abs().max());
const difference = (await gap.data())[0]!;
gap.dispose();
console.log(difference === 0 ? 'The same numbers: a multi-channel kernel is one 3x3 kernel per channel, summed.' : `They differ by ${difference}!`);

// Weights of a conv layer: each of its C_out filters has 3 x 3 x C_in weights and one bias,
// whatever the size of the image. tf.layers.conv2d counts them for us.
const LAYERS = [
  { input: 'grey 28x28', inChannels: 1, filters: 8 },
  { input: '8 feature maps', inChannels: 8, filters: 16 },
  { input: 'colour photo', inChannels: 3, filters: 16 },
  { input: 'colour 224x224 (first layer of VGG16)', inChannels: 3, filters: 64 },
  { input: '64 feature maps (second layer of VGG16)', inChannels: 64, filters: 64 },
];
table(
  LAYERS.map(({ input, inChannels, filters }) => {
    const model = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [28, 28, inChannels], filters, kernelSize: 3 })] });
    const counted = model.countParams();
    model.dispose();
    return { input, 'C_in': inChannels, 'C_out': filters, '3*3*C_in*C_out + C_out': 3 * 3 * inChannels * filters + filters, 'counted by TF.js': counted };
  }),
  { caption: 'Weights of a 3x3 conv layer' },
);

// Weight sharing: one 3x3 filter uses its same 9 weights (and 1 bias) at every one of the
// 26 x 26 positions of a 28x28 image. A dense layer from the 784 pixels to 676 outputs
// would need a weight for every pixel-output pair.
const positions = 26 * 26;
console.log(`One 3x3 filter on a 28x28 image: 10 weights, used at all ${positions} positions. A dense layer from 784 pixels to ${positions} outputs: ${(784 * positions + positions).toLocaleString('en-US')} weights.`);

tf.dispose([image, kernel, together, summed]);
