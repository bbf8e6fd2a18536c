// A few epochs of a tiny model, run many times in a row by the soak test. It prints
// what TF.js still holds once everything is disposed, so a leak between runs shows.
import * as tf from '@tensorflow/tfjs';
import { fitCallbacks, param } from 'course';

const EPOCHS = param('epochs', 3);

const xs = tf.randomUniform([64, 4], -1, 1, 'float32', 1);
const ys = tf.tidy(() => xs.sum(1, true));
const model = tf.sequential({
  layers: [tf.layers.dense({ units: 8, activation: 'relu', inputShape: [4] }), tf.layers.dense({ units: 1 })],
});
const optimizer = tf.train.adam(0.01);
model.compile({ optimizer, loss: 'meanSquaredError' });

const history = await model.fit(xs, ys, { epochs: EPOCHS, batchSize: 16, callbacks: fitCallbacks({ title: 'Soak' }) });
console.log(`loss ${(history.history.loss.at(-1) as number).toFixed(4)}`);
tf.dispose([xs, ys]);
model.dispose();
optimizer.dispose();
console.log(`numBytes ${tf.memory().numBytes} numTensors ${tf.memory().numTensors}`);
