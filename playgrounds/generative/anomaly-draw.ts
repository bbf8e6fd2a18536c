// Your own input: draw something, a digit or anything else, and see how the
// autoencoder's reconstruction error scores it against the 2,000 validation digits.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, input, param, recall } from 'course';

const THRESHOLD = param('threshold', 0.04, { label: 'threshold (error above it = not a digit)', min: 0.005, max: 0.2, step: 0.005 });

const encoder = await recall<tf.LayersModel>('ae-encoder', { from: 'Train the autoencoder' });
const decoder = await recall<tf.LayersModel>('ae-decoder', { from: 'Train the autoencoder' });
const reconstruct = (flat: tf.Tensor) => tf.tidy(() => decoder.predict(encoder.predict(flat) as tf.Tensor) as tf.Tensor2D);

const SIZE = 112;
const drawing = await input.draw({ prompt: 'Draw a digit, or anything that is not one, then press "Use drawing"', width: SIZE, height: SIZE });
// White strokes on black like MNIST; 112x112 shrunk to 28x28 by averaging 4x4 blocks.
const picture = tf.tidy(() =>
  tf.avgPool(tf.tensor3d(Float32Array.from({ length: SIZE * SIZE }, (_, p) => drawing.data[p * 4]! / 255), [SIZE, SIZE, 1]), 4, 4, 'valid').reshape([1, 784]),
);
const restored = reconstruct(picture);
const error = tf.losses.meanSquaredError(picture, restored);
const score = (await error.data())[0]!;

// Where that score falls among the real digits' scores.
const mnist = await data.mnist({ set: 'bundled' });
const digitScores = tf.tidy(() => {
  const flat = mnist.validation.xs.reshape([-1, 784]);
  return flat.sub(reconstruct(flat)).square().mean(1);
});
const scores = await digitScores.data();
const above = scores.filter((s) => s > score).length / scores.length;

const pair = tf.tidy(() => tf.concat([picture, restored]).reshape([2, 28, 28, 1]) as tf.Tensor4D);
imageGrid(pair, { scale: 4, labels: ['your drawing (28x28)', 'its reconstruction'] });
console.log(`Anomaly score of your drawing: ${score.toFixed(4)}. ${(100 * above).toFixed(1)}% of the validation digits score higher.`);
console.log(score > THRESHOLD ? `Above the threshold ${THRESHOLD}: flagged as not a digit.` : `Below the threshold ${THRESHOLD}: it passes as a digit.`);
tf.dispose([picture, restored, error, digitScores, pair]);
mnist.dispose();
