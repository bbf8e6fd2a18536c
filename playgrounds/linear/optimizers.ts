// The same fit three ways: our loop with tf.train.sgd, tf.train.adam, and a one-unit
// Dense layer trained by model.fit.
import * as tf from '@tensorflow/tfjs';
import { lineChart, param, table } from 'course';

const TRUE_M = 3;
const TRUE_B = 2;
const SAMPLES = 200;
const EPOCHS = param('epochs', 40, { min: 1, max: 200, step: 1 });
const BATCH_SIZE = 20;
// SGD's learning rate stays 0.1; Adam's is yours to change (both Adam curves use it).
const ADAM_LEARNING_RATE = param('adamLearningRate', 0.1, { choices: [0.001, 0.01, 0.1, 0.5] });
// false: model.fit takes the samples in their order, the batches our loops use.
// true: it shuffles the 200 samples before every epoch, so each batch holds other points.
const SHUFFLE = param('shuffle', false);

const x = tf.randomUniform([SAMPLES, 1], -1, 1, 'float32', 7);
const y = tf.tidy(() => x.mul(TRUE_M).add(TRUE_B).add(tf.randomNormal([SAMPLES, 1], 0, 0.3, 'float32', 11)));
const chart = lineChart({ title: 'Loss per epoch', xLabel: 'epoch', yLabel: 'MSE', series: ['SGD', 'Adam', 'model.fit (Adam)'] });

/** The MSE of `predict` on all the data, read back with await data(). */
async function lossOnAll(predict: () => tf.Scalar): Promise<number> {
  const t = tf.tidy(predict);
  const value = (await t.data())[0]!;
  t.dispose();
  return value;
}

// Minimises the MSE of y = m·x + b with an optimizer; returns the learned (m, b).
async function fitWith(optimizer: tf.Optimizer, series: number): Promise<[number, number]> {
  const m = tf.tidy(() => tf.variable(tf.scalar(-1)));
  const b = tf.tidy(() => tf.variable(tf.scalar(0)));
  const loss = (xs: tf.Tensor, ys: tf.Tensor) => tf.losses.meanSquaredError(ys, xs.mul(m).add(b)) as tf.Scalar;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    for (let i = 0; i < SAMPLES; i += BATCH_SIZE) {
      tf.tidy(() => {
        optimizer.minimize(() => loss(x.slice(i, BATCH_SIZE), y.slice(i, BATCH_SIZE)));
      });
    }
    chart.push(series, epoch, await lossOnAll(() => loss(x, y)));
  }
  const result: [number, number] = [(await m.data())[0]!, (await b.data())[0]!];
  tf.dispose([m, b]);
  optimizer.dispose();
  return result;
}

const sgd = await fitWith(tf.train.sgd(0.1), 0);
const adam = await fitWith(tf.train.adam(ADAM_LEARNING_RATE), 1);

// The layers API does the same: a Dense layer with one unit is exactly y = m·x + b.
// We start it from the same guess (m = -1, b = 0) instead of its random weights, and
// plot the same measure as above (the loss on all the data after each epoch, where
// fit's own logs.loss averages the batches during the epoch), so the curves compare.
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
const start = [tf.tensor2d([[-1]]), tf.tensor1d([0])];
model.setWeights(start);
tf.dispose(start);
const adamForFit = tf.train.adam(ADAM_LEARNING_RATE);
model.compile({ optimizer: adamForFit, loss: 'meanSquaredError' });
await model.fit(x, y, {
  epochs: EPOCHS,
  batchSize: BATCH_SIZE,
  shuffle: SHUFFLE,
  callbacks: {
    onEpochEnd: async (epoch) => chart.push(2, epoch + 1, await lossOnAll(() => model.evaluate(x, y) as tf.Scalar)),
  },
});
const viaFit = (await Promise.all(model.getWeights().map(async (t) => (await t.data())[0]!))) as [number, number];

table(
  [
    ['SGD, our loop', ...sgd],
    ['Adam, our loop', ...adam],
    ['model.fit, Adam', ...viaFit],
  ],
  { caption: `Learned (m, b) after ${EPOCHS} epochs; the truth is (${TRUE_M}, ${TRUE_B})`, columns: ['method', 'm', 'b'] },
);

// A model does not own an optimizer it was given, so we free both.
model.dispose();
adamForFit.dispose();
tf.dispose([x, y]);
