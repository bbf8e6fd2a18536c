// Convolution by hand: a 6x6 image and a 3x3 kernel give a 4x4 result. We compute it
// with four plain loops, then with tf.conv2d, and check that they agree.
import * as tf from '@tensorflow/tfjs';
import { param, table } from 'course';

const IMAGE = [
  [3, 0, 1, 2, 7, 4],
  [1, 5, 8, 9, 3, 1],
  [2, 7, 2, 5, 1, 3],
  [0, 1, 3, 1, 7, 8],
  [4, 2, 1, 6, 2, 8],
  [2, 4, 5, 2, 3, 9],
];
// Left column minus right column: a vertical-edge detector.
const KERNEL = [
  [1, 0, -1],
  [1, 0, -1],
  [1, 0, -1],
];

// Slide the kernel to every position where it fits inside the image; at each one,
// multiply the nine overlapping numbers pairwise and add them up.
function convolve(image: number[][], kernel: number[][]): number[][] {
  const k = kernel.length;
  const outRows = image.length - k + 1;
  const outCols = image[0]!.length - k + 1;
  const out: number[][] = [];
  for (let r = 0; r < outRows; r++) {
    const row: number[] = [];
    for (let c = 0; c < outCols; c++) {
      let sum = 0;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) sum += image[r + i]![c + j]! * kernel[i]![j]!;
      }
      row.push(sum);
    }
    out.push(row);
  }
  return out;
}

// The same with TensorFlow.js: images as [batch, height, width, channels], kernels as
// [height, width, in channels, out channels]. 'valid' means no padding.
async function convolveTf(image: number[][], kernel: number[][]): Promise<number[][]> {
  const y = tf.tidy(() => {
    const x = tf.tensor4d(image.flat(), [1, image.length, image[0]!.length, 1]);
    const w = tf.tensor4d(kernel.flat(), [kernel.length, kernel.length, 1, 1]);
    return tf.conv2d(x, w, 1, 'valid').squeeze([0, 3]);
  });
  const result = (await y.array()) as number[][];
  y.dispose();
  return result;
}

const columns = (m: number[][]) => m[0]!.map((_, c) => `col ${c}`);
table(IMAGE, { columns: columns(IMAGE), caption: 'The 6x6 image' });
table(KERNEL, { columns: columns(KERNEL), caption: 'The 3x3 kernel' });
const byLoop = convolve(IMAGE, KERNEL);
const byTf = await convolveTf(IMAGE, KERNEL);
table(byLoop, { columns: columns(byLoop), caption: 'The 4x4 result, computed by our loops' });
table(byTf, { columns: columns(byTf), caption: 'The 4x4 result, computed by tf.conv2d' });

// The largest difference between two results, number by number.
const largestDifference = (a: number[][], b: number[][]) =>
  Math.max(...a.flatMap((row, r) => row.map((v, c) => Math.abs(v - b[r]![c]!))));

// One example proves little, so compare the two on random numbers too.
const SIZE = param('randomSize', 28, { label: 'random image size', min: 9, max: 64 });
const KERNEL_SIZE = param('randomKernelSize', 5, { label: 'random kernel size', min: 1, max: 9 });
const TRIALS = param('trials', 20, { min: 1, max: 100 });
const random = (n: number) => Array.from({ length: n }, () => Array.from({ length: n }, () => Math.random() * 2 - 1));
let randomDifference = 0;
for (let t = 0; t < TRIALS; t++) {
  const [image, kernel] = [random(SIZE), random(KERNEL_SIZE)];
  randomDifference = Math.max(randomDifference, largestDifference(convolve(image, kernel), await convolveTf(image, kernel)));
}
const exampleDifference = largestDifference(byLoop, byTf);
table(
  {
    input: ['the 6x6 example above', `random ${SIZE}x${SIZE} images`],
    kernel: ['the 3x3 above', `random ${KERNEL_SIZE}x${KERNEL_SIZE}`],
    trials: [1, TRIALS],
    'largest difference': [exampleDifference, randomDifference],
  },
  { caption: 'Loops vs tf.conv2d: the largest difference between their results' },
);
// float32 arithmetic rounds a little differently from JavaScript's float64; on the
// example's whole numbers there is nothing to round.
console.log(
  exampleDifference === 0 && randomDifference < 1e-4
    ? 'They agree: exactly on the example, and to float32 rounding on the random images. tf.conv2d computes exactly this sum of products.'
    : 'They differ!',
);
