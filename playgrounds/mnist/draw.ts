// Draw a digit and let the trained model read it.
import * as tf from '@tensorflow/tfjs';
import { barChart, image, input, recall, table } from 'course';

const model = await recall<tf.LayersModel>('mnist-model', { from: 'Train the reference model' });

// The pad gives RGBA pixels, white strokes on black, like MNIST.
const SIZE = 112;
const drawing = await input.draw({ prompt: 'Draw one digit, 0 to 9', width: SIZE, height: SIZE });

// MNIST digits were scaled to fit a 20x20 box and centred in 28x28. A drawing must be
// prepared the same way, or the model sees something unlike anything it learned from.
function toMnistStyle(pixels: { width: number; height: number; data: ArrayLike<number> }): tf.Tensor4D | null {
  const { width, height } = pixels;
  const grey = Float32Array.from({ length: width * height }, (_, p) => pixels.data[p * 4]! / 255);
  let [top, left, bottom, right] = [height, width, -1, -1];
  grey.forEach((v, p) => {
    if (v < 0.1) return;
    const [y, x] = [Math.floor(p / width), p % width];
    top = Math.min(top, y);
    bottom = Math.max(bottom, y);
    left = Math.min(left, x);
    right = Math.max(right, x);
  });
  if (bottom < 0) return null; // nothing drawn
  return tf.tidy(() => {
    // Crop to the strokes, pad to a square so the digit keeps its shape, shrink to 20x20.
    const [h, w] = [bottom - top + 1, right - left + 1];
    const side = Math.max(h, w);
    const ink = tf.tensor3d(grey, [height, width, 1]).slice([top, left, 0], [h, w, 1]);
    const square = ink.pad([
      [Math.floor((side - h) / 2), Math.ceil((side - h) / 2)],
      [Math.floor((side - w) / 2), Math.ceil((side - w) / 2)],
      [0, 0],
    ]);
    // Averaging 5x5 blocks of a 100x100 version shrinks without losing thin strokes.
    const small = tf.avgPool(tf.image.resizeBilinear(square as tf.Tensor3D, [100, 100]), 5, 5, 'valid');
    return small.pad([[4, 4], [4, 4], [0, 0]]).expandDims(0) as tf.Tensor4D;
  });
}

const x = toMnistStyle(drawing);
if (!x) {
  console.warn('The pad was empty: draw a digit and run again.');
} else {
  const picture = x.squeeze([0]);
  image(picture, { scale: 4, caption: 'What the model sees (28x28)' });
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
