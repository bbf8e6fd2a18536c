// Draw a digit and let the trained model read it.
import * as tf from '@tensorflow/tfjs';
import { barChart, imageGrid, input, param, recall, table } from 'course';

// 'like MNIST' prepares the drawing the way the MNIST digits were prepared; 'shrink only'
// just shrinks the whole pad to 28x28, to see what the preparation is worth.
const PREPARE = param('prepare', 'like MNIST', { label: 'preparation', choices: ['like MNIST', 'shrink only'] });

const model = await recall<tf.LayersModel>('mnist-model', { from: 'Train the reference model' });

// The pad gives RGBA pixels, white strokes on black, like MNIST.
const SIZE = 112;
const drawing = await input.draw({ prompt: 'Draw one digit, 0 to 9, then press "Use drawing"', width: SIZE, height: SIZE });
const grey = tf.tensor3d(Float32Array.from({ length: SIZE * SIZE }, (_, p) => drawing.data[p * 4]! / 255), [SIZE, SIZE, 1]);

/** Row and column of the centre of mass (the ink-weighted mean position) of an image. */
async function centreOfMass(image: tf.Tensor3D): Promise<[number, number]> {
  const [h, w] = image.shape;
  const values = await image.data();
  let [total, row, column] = [0, 0, 0];
  values.forEach((v, p) => {
    total += v;
    row += v * Math.floor(p / w);
    column += v * (p % w);
  });
  return total > 0 ? [row / total, column / total] : [h / 2, w / 2];
}

/** The smallest box holding every pixel brighter than 0.1: [top, left, height, width]. */
async function inkBox(image: tf.Tensor3D): Promise<[number, number, number, number] | null> {
  const [, w] = image.shape;
  const values = await image.data();
  let [top, left, bottom, right] = [Infinity, Infinity, -1, -1];
  values.forEach((v, p) => {
    if (v < 0.1) return;
    const [y, x] = [Math.floor(p / w), p % w];
    [top, bottom, left, right] = [Math.min(top, y), Math.max(bottom, y), Math.min(left, x), Math.max(right, x)];
  });
  return bottom < 0 ? null : [top, left, bottom - top + 1, right - left + 1];
}

// How MNIST was made (LeCun et al.): each digit was scaled to fit a 20x20 box, keeping
// its shape, then placed in 28x28 so that its centre of mass is at the centre. In the
// training digits that is row 14, column 14 (counting pixels from 0).
async function likeMnist(image: tf.Tensor3D): Promise<{ fitted: tf.Tensor3D; prepared: tf.Tensor3D } | null> {
  const box = await inkBox(image);
  if (!box) return null;
  const [top, left, h, w] = box;
  const side = Math.max(h, w);
  const fitted = tf.tidy(() => {
    // 1. Crop to the ink, pad the short side to a square so the digit keeps its shape...
    const square = image.slice([top, left, 0], [h, w, 1]).pad([
      [Math.floor((side - h) / 2), Math.ceil((side - h) / 2)],
      [Math.floor((side - w) / 2), Math.ceil((side - w) / 2)],
      [0, 0],
    ]) as tf.Tensor3D;
    // ...and shrink it to 20x20. Averaging 5x5 blocks of a 100x100 version keeps thin strokes.
    return tf.avgPool(tf.image.resizeBilinear(square, [100, 100]), 5, 5, 'valid') as tf.Tensor3D;
  });
  // 2. Place the 20x20 box in 28x28 so that the centre of mass lands on (14, 14).
  const [row, column] = await centreOfMass(fitted);
  const clamp = (v: number) => Math.min(8, Math.max(0, Math.round(v)));
  const [padTop, padLeft] = [clamp(14 - row), clamp(14 - column)];
  const prepared = fitted.pad([[padTop, 8 - padTop], [padLeft, 8 - padLeft], [0, 0]]) as tf.Tensor3D;
  return { fitted, prepared };
}

let picture: tf.Tensor3D | null;
if (PREPARE === 'like MNIST') {
  const steps = await likeMnist(grey);
  picture = steps?.prepared ?? null;
  if (steps) {
    imageGrid([steps.fitted, steps.prepared], {
      scale: 4,
      labels: ['1. cropped, fitted in 20x20', '2. centred in 28x28'],
      caption: 'How the drawing was prepared: the second picture is what the model sees',
    });
    steps.fitted.dispose();
  }
} else {
  // Shrink the whole pad, 112x112 -> 28x28, by averaging 4x4 blocks; nothing else.
  picture = (await inkBox(grey)) ? (tf.avgPool(grey, 4, 4, 'valid') as tf.Tensor3D) : null;
  if (picture) imageGrid([picture], { scale: 4, labels: ['shrunk to 28x28'], caption: 'What the model sees: the whole pad, shrunk' });
}

if (!picture) {
  console.warn('The pad was empty: draw a digit and run again.');
} else {
  const [row, column] = await centreOfMass(picture);
  console.log(`Centre of mass of what the model sees: row ${row.toFixed(1)}, column ${column.toFixed(1)} (in the MNIST training digits: 14, 14).`);
  const x = picture.expandDims(0);
  const output = model.predict(x) as tf.Tensor;
  const probabilities = Array.from(await output.data());
  const best = probabilities.indexOf(Math.max(...probabilities));
  const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  barChart({ title: 'Probability of each digit', categories: digits, values: probabilities, yLabel: 'probability' });
  // Softmax makes the ten numbers positive and add up to 1.
  table([probabilities.map((p) => Number(p.toFixed(4)))], { columns: digits, caption: 'The same probabilities as numbers' });
  console.log(`It's a ${best} (${(probabilities[best]! * 100).toFixed(1)}% sure).`);
  tf.dispose([x, picture, output]);
}
grey.dispose();
