// ReLU and sigmoid: what they look like, and what they do to training.
import * as tf from '@tensorflow/tfjs';
import { data, lineChart, param, progress, table } from 'course';

const EPOCHS = param('epochs', 3);
const TRAINING_DIGITS = param('trainingDigits', 8000);
const BATCH_SIZE = 32;
// The activation of the hidden layers, one training run each. Try adding 'tanh'.
const ACTIVATIONS = ['relu', 'sigmoid'] as const;

// Both functions on x from -6 to 6. ReLU is max(0, x); sigmoid squashes any x into (0, 1).
const x = Array.from({ length: 121 }, (_, i) => -6 + i / 10);
async function curve(f: (t: tf.Tensor) => tf.Tensor): Promise<[number, number][]> {
  const y = tf.tidy(() => f(tf.tensor1d(x)));
  const values = await y.data();
  y.dispose();
  return x.map((xi, i) => [xi, values[i]!]);
}
lineChart({ title: 'Activation functions', series: ['ReLU', 'sigmoid'], xLabel: 'x', yLabel: 'f(x)' })
  .set([await curve(tf.relu), await curve(tf.sigmoid)]);

const mnist = await data.mnist({ set: 'bundled' });
const trainXs = mnist.train.xs.slice(0, TRAINING_DIGITS);
const trainYs = mnist.train.ys.slice(0, TRAINING_DIGITS);
const { validation } = mnist;

const lossChart = lineChart({ title: 'Training loss per batch', series: [...ACTIVATIONS], xLabel: 'batch', yLabel: 'loss' });
const accChart = lineChart({ title: 'Validation accuracy per epoch', series: [...ACTIVATIONS], xLabel: 'epoch', yLabel: 'accuracy' });
const batchesPerRun = EPOCHS * Math.ceil(TRAINING_DIGITS / BATCH_SIZE);
const bar = progress(`Training with ${ACTIVATIONS.join(', then ')}`, ACTIVATIONS.length * batchesPerRun);

// The same network as the reference model; only the hidden layers' activation changes.
const results = [];
for (const [series, activation] of ACTIVATIONS.entries()) {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 512, activation }),
      tf.layers.dense({ units: 512, activation }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  let batch = 0;
  const history = await model.fit(trainXs, trainYs, {
    epochs: EPOCHS,
    batchSize: BATCH_SIZE,
    shuffle: true,
    validationData: [validation.xs, validation.ys],
    callbacks: {
      onBatchEnd: (_, logs) => {
        batch++;
        lossChart.push(series, batch, logs?.['loss'] ?? Number.NaN);
        bar.update(series * batchesPerRun + batch);
      },
      onEpochEnd: (epoch, logs) => accChart.push(series, epoch + 1, logs?.['val_acc'] ?? Number.NaN),
    },
  });
  const valAcc = history.history['val_acc'] as number[];
  results.push({ activation, 'accuracy after epoch 1': valAcc[0]!, [`accuracy after epoch ${EPOCHS}`]: valAcc.at(-1)! });
  model.dispose();
}
bar.done();
table(results, { caption: 'Validation accuracy (2,000 digits not trained on)' });

tf.dispose([trainXs, trainYs]);
mnist.dispose();
