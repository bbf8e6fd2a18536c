// An image grid with labels: digits drawn from tensors, with one "wrong prediction" marked.
import * as tf from '@tensorflow/tfjs';
import { imageGrid } from 'course';

const SIZE = 16;
const images = tf.tidy(() => {
  const row = tf.linspace(0, 1, SIZE).reshape([1, SIZE, 1]);
  const ramp = row.tile([SIZE, 1, 1]);
  return tf.stack([ramp, ramp.transpose([1, 0, 2]), ramp.reverse(1), tf.onesLike(ramp).mul(0.5)]);
}) as tf.Tensor4D;
imageGrid(images, {
  caption: 'Four generated images',
  columns: 4,
  labels: ['left→right', 'top→bottom', 'right→left', 'grey (wrong)'],
  highlight: [false, false, false, true],
  scale: 4,
});
images.dispose();
