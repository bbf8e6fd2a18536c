// ReLU, sigmoid and tanh: their shapes and slopes, how much gradient reaches each layer,
// and what they do to training.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, lineChart, param, table } from 'course';

const COMPARE = param('activations', 'relu, sigmoid', {
  label: 'activations to compare',
  choices: ['relu, sigmoid', 'relu, sigmoid, tanh', 'sigmoid, tanh'],
});
const HIDDEN_LAYERS = param('hiddenLayers', 2, { label: 'hidden layers', min: 1, max: 8 });
const EPOCHS = param('epochs', 3, { min: 1, max: 10 });
const TRAINING_DIGITS = param('trainingDigits', 8000, { label: 'training digits', min: 500, max: 8000, step: 500 });
const BATCH_SIZE = 32;

const FUNCTIONS = { relu: tf.relu, sigmoid: tf.sigmoid, tanh: tf.tanh };
type Activation = keyof typeof FUNCTIONS;
const ACTIVATIONS = COMPARE.split(', ') as Activation[];

// Each function, and its slope (tf.grad differentiates it), on x from -6 to 6.
const x = Array.from({ length: 121 }, (_, i) => -6 + i / 10);
async function points(f: (t: tf.Tensor) => tf.Tensor): Promise<[number, number][]> {
  const y = tf.tidy(() => f(tf.tensor1d(x)));
  const values = await y.data();
  y.dispose();
  return x.map((xi, i) => [xi, values[i]!]);
}
const curves = [];
const slopes = [];
for (const name of ACTIVATIONS) {
  const f = FUNCTIONS[name] as (t: tf.Tensor) => tf.Tensor;
  curves.push(await points(f));
  slopes.push(await points(tf.grad(f)));
}
lineChart({ title: 'Activation functions', series: [...ACTIVATIONS], xLabel: 'x', yLabel: 'f(x)' }).set(curves);
lineChart({ title: 'Their slopes', series: [...ACTIVATIONS], xLabel: 'x', yLabel: "f'(x)" }).set(slopes);

const mnist = await data.mnist({ set: 'bundled' });
const trainXs = mnist.train.xs.slice(0, TRAINING_DIGITS);
const trainYs = mnist.train.ys.slice(0, TRAINING_DIGITS);
const { validation } = mnist;

// The reference network, with HIDDEN_LAYERS hidden layers of 512 and the activation given.
function build(activation: Activation): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.flatten({ inputShape: [28, 28, 1] }));
  for (let i = 0; i < HIDDEN_LAYERS; i++) model.add(tf.layers.dense({ units: 512, activation }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

// How much gradient reaches each layer, before any training: the mean size of the
// gradient of the loss with respect to the layer's weights, on 256 training digits.
// Backpropagation multiplies by the activation's slope once per layer it goes back
// through, and sigmoid's slope is at most 0.25.
const gradientRows: Record<string, string | number>[] = [];
const layerNames = [...Array.from({ length: HIDDEN_LAYERS }, (_, i) => `hidden ${i + 1}`), 'output'];
layerNames.forEach((layer) => gradientRows.push({ layer }));
for (const activation of ACTIVATIONS) {
  const model = build(activation);
  const sizes = tf.tidy(() => {
    const [xs, ys] = [trainXs.slice(0, 256), trainYs.slice(0, 256)];
    const kernels = model.layers.slice(1).map((layer) => layer.trainableWeights[0]!.read() as tf.Variable);
    const loss = () => tf.metrics.categoricalCrossentropy(ys, model.predict(xs) as tf.Tensor).mean() as tf.Scalar;
    const { grads } = tf.variableGrads(loss, kernels);
    return kernels.map((k) => grads[k.name]!.abs().mean());
  });
  const values = await Promise.all(sizes.map(async (t) => (await t.data())[0]!));
  tf.dispose(sizes);
  values.forEach((v, i) => (gradientRows[i]![activation] = Number(v.toPrecision(3))));
  model.dispose();
}
table(gradientRows, { caption: `Mean size of the gradient per layer, at the starting weights (${HIDDEN_LAYERS} hidden layers)` });

// Train one network per activation, same data, same settings.
const accuracyChart = lineChart({ title: 'Validation accuracy per epoch', series: [...ACTIVATIONS], xLabel: 'epoch', yLabel: 'accuracy' });
const results: Record<string, string | number>[] = [];
async function validationAccuracy(model: tf.Sequential): Promise<number> {
  const [loss, accuracy] = model.evaluate(validation.xs, validation.ys, { batchSize: 256 }) as tf.Scalar[];
  const value = (await accuracy!.data())[0]!;
  tf.dispose([loss!, accuracy!]);
  return value;
}
for (const activation of ACTIVATIONS) {
  const model = build(activation);
  // Before training the network guesses: about 10%.
  const untrained = await validationAccuracy(model);
  accuracyChart.push(activation, 0, untrained);
  const history = await model.fit(trainXs, trainYs, {
    epochs: EPOCHS,
    batchSize: BATCH_SIZE,
    shuffle: true,
    validationData: [validation.xs, validation.ys],
    callbacks: fitCallbacks({ title: activation }),
  });
  const valAcc = history.history['val_acc'] as number[];
  valAcc.forEach((acc, epoch) => accuracyChart.push(activation, epoch + 1, acc));
  const row: Record<string, string | number> = { activation, 'before training': untrained };
  valAcc.forEach((acc, epoch) => (row[`epoch ${epoch + 1}`] = acc));
  results.push(row);
  model.dispose();
}
table(results, { caption: `Validation accuracy after each epoch (2,000 digits not trained on; ${HIDDEN_LAYERS} hidden layers)` });

tf.dispose([trainXs, trainYs]);
mnist.dispose();
