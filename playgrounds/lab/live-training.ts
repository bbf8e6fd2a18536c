// A short training run that streams its loss to a live chart and a progress bar.
import * as tf from '@tensorflow/tfjs';
import { fitCallbacks, param } from 'course';

const EPOCHS = param('epochs', 120);
const SAMPLES = 256;

const xs = tf.randomUniform([SAMPLES, 4], -1, 1, 'float32', 7);
const ys = tf.tidy(() => xs.sum(1, true).sin());
const model = tf.sequential({
  layers: [tf.layers.dense({ units: 32, activation: 'relu', inputShape: [4] }), tf.layers.dense({ units: 1 })],
});
const optimizer = tf.train.adam(0.01);
model.compile({ optimizer, loss: 'meanSquaredError' });

const history = await model.fit(xs, ys, { epochs: EPOCHS, batchSize: 64, callbacks: fitCallbacks({ title: 'Live training' }) });
const losses = history.history.loss as number[];
console.log(`final loss ${losses[losses.length - 1]!.toFixed(4)}`);
tf.dispose([xs, ys]);
model.dispose();
optimizer.dispose(); // Adam keeps its own moment tensors
