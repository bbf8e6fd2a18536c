// Data + answers = rules: a one-neuron model finds the Celsius-to-Fahrenheit rule from examples.
import * as tf from '@tensorflow/tfjs';
import { lineChart, param, table } from 'course';

// The examples: temperatures and their conversions. The model is never told the formula.
const celsius = [-40, -10, 0, 8, 15, 22, 38];
const fahrenheit = celsius.map((c) => c * 1.8 + 32);

const EPOCHS = param('epochs', 300);

// One input, one output, one weight and one bias: output = w·input + b.
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
const optimizer = tf.train.adam(0.5);
model.compile({ optimizer, loss: 'meanSquaredError' });

const chart = lineChart({ title: 'Loss while learning', xLabel: 'epoch', yLabel: 'mean squared error', series: ['loss'] });
const xs = tf.tensor2d(celsius, [celsius.length, 1]);
const ys = tf.tensor2d(fahrenheit, [fahrenheit.length, 1]);
await model.fit(xs, ys, {
  epochs: EPOCHS,
  verbose: 0,
  callbacks: { onEpochEnd: (epoch, logs) => chart.push(0, epoch + 1, logs?.['loss'] ?? Number.NaN) },
});

const [w, b] = model.getWeights().map((t) => t.dataSync()[0]!);
table(
  [
    ['true rule', 1.8, 32],
    ['learned rule', Number(w!.toFixed(3)), Number(b!.toFixed(2))],
  ],
  { caption: 'The rule, written by a programmer and found by the model', columns: ['', 'multiply by', 'then add'] },
);
const hundred = tf.tensor2d([100], [1, 1]);
const answer = model.predict(hundred) as tf.Tensor;
console.log(`100 °C -> ${(await answer.data())[0]!.toFixed(1)} °F (true: 212 °F)`);

tf.dispose([xs, ys, hundred, answer]);
// A model does not own an optimizer it was given, so we free both.
model.dispose();
optimizer.dispose();
