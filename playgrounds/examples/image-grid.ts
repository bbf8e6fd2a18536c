// Images from tensors: a grey ramp, then colour squares in one labelled grid.
import * as tf from '@tensorflow/tfjs';
import { image, imageGrid } from 'course';

const ramp = tf.tidy(() => tf.linspace(0, 1, 16).reshape([1, 16]).tile([16, 1]) as tf.Tensor2D);
image(ramp, { label: 'ramp', scale: 4 });

const colours = tf.tidy(() =>
  tf.stack(
    [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ].map((rgb) => tf.fill([8, 8, 3], 255).mul(tf.tensor1d(rgb))),
  ),
) as tf.Tensor4D;
imageGrid(colours, { columns: 3, labels: ['red', 'green', 'blue'], highlight: [false, true, false] });
tf.dispose([ramp, colours]);
