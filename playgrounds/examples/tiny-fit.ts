// A one-neuron model learns y = 2x - 1, with live charts from fitCallbacks.
import * as tf from '@tensorflow/tfjs';
import { fitCallbacks, param } from 'course';

const EPOCHS = param('epochs', 40);

const xs = tf.tensor2d([-1, 0, 1, 2, 3, 4], [6, 1]);
const ys = tf.tensor2d([-3, -1, 1, 3, 5, 7], [6, 1]);

const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
const optimizer = tf.train.sgd(0.05);
model.compile({ optimizer, loss: 'meanSquaredError' });

const history = await model.fit(xs, ys, { epochs: EPOCHS, batchSize: 2, callbacks: fitCallbacks() });
const losses = history.history.loss as number[];
console.log(`loss: ${losses[0]!.toFixed(3)} -> ${losses[losses.length - 1]!.toFixed(3)}`);

tf.dispose([xs, ys]);
model.dispose();
optimizer.dispose();
