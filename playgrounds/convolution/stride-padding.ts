// Stride and padding change the output size; a formula predicts it, tf.conv2d confirms.
import * as tf from '@tensorflow/tfjs';
import { table } from 'course';

// n: image size, k: kernel size, s: stride (how far the kernel jumps), p: zeros added
// around each border. Add your own rows.
const CASES = [
  { n: 6, k: 3, s: 1, p: 0 },
  { n: 6, k: 3, s: 1, p: 1 },
  { n: 6, k: 3, s: 2, p: 0 },
  { n: 7, k: 3, s: 2, p: 1 },
  { n: 28, k: 3, s: 1, p: 1 },
  { n: 28, k: 5, s: 1, p: 0 },
  { n: 28, k: 5, s: 2, p: 2 },
];

const outputSize = (n: number, k: number, s: number, p: number) => Math.floor((n + 2 * p - k) / s) + 1;

// How many kernel positions look at each pixel of the image (the padding's zeros not
// counted): slide the kernel as conv2d does and count, for every pixel, the windows it is in.
function coverage(n: number, k: number, s: number, p: number): number[][] {
  const m = outputSize(n, k, s, p);
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < m; c++) {
      // The window of output (r, c) starts at (r*s - p, c*s - p) in image coordinates.
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const [y, x] = [r * s + i - p, c * s + j - p];
          if (y >= 0 && y < n && x >= 0 && x < n) counts[y]![x]!++;
        }
      }
    }
  }
  return counts;
}

const rows = CASES.map(({ n, k, s, p }) => {
  const shape = tf.tidy(() => {
    const image = tf.ones([1, n, n, 1]) as tf.Tensor4D;
    const kernel = tf.ones([k, k, 1, 1]) as tf.Tensor4D;
    // A number as the padding argument adds that many zeros on every side.
    return tf.conv2d(image, kernel, s, p).shape;
  });
  const neverSeen = coverage(n, k, s, p).flat().filter((count) => count === 0).length;
  return { n, k, s, p, formula: outputSize(n, k, s, p), 'tf.conv2d output': `${shape[1]}x${shape[2]}`, 'pixels never looked at': neverSeen };
});
table(rows, { caption: 'Output size: floor((n + 2p - k) / s) + 1' });

// Where some pixels are never looked at, show which: 0 marks a pixel no kernel position
// covers, so nothing the layer computes depends on it.
for (const { n, k, s, p } of CASES) {
  const counts = coverage(n, k, s, p);
  if (n > 12 || !counts.flat().includes(0)) continue;
  table(counts, {
    columns: counts.map((_, c) => String(c)),
    caption: `n=${n}, k=${k}, s=${s}, p=${p}: how many kernel positions look at each pixel (0: never)`,
  });
}

// Padding 1 with a 3x3 kernel keeps the size ("same" padding); stride 2 then halves it.
// A 5x5 image holding 1..25 and a kernel that adds up each 3x3 window, so every output
// number is easy to check by hand.
const image = tf.tidy(() => tf.range(1, 26).reshape([1, 5, 5, 1])) as tf.Tensor4D;
const kernel = tf.ones([3, 3, 1, 1]) as tf.Tensor4D;
// Reads a [1, h, w, 1] tensor as rows of numbers.
async function rowsOf(t: tf.Tensor4D): Promise<number[][]> {
  const matrix = t.squeeze([0, 3]);
  const rows = (await matrix.array()) as number[][];
  tf.dispose([t, matrix]);
  return rows;
}
table(await rowsOf(image.clone()), { columns: ['0', '1', '2', '3', '4'], caption: 'A 5x5 image' });
for (const [stride, padding] of [[1, 0], [1, 1], [2, 1]] as const) {
  const values = await rowsOf(tf.conv2d(image, kernel, stride, padding));
  table(values, {
    columns: values[0]!.map((_, c) => String(c)),
    caption: `Stride ${stride}, padding ${padding}: ${values.length}x${values[0]!.length}, the formula says ${outputSize(5, 3, stride, padding)}`,
  });
}
tf.dispose([image, kernel]);
