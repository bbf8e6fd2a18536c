// Data + answers = rules: a one-neuron model finds the Celsius-to-Fahrenheit rule from examples.
import * as tf from '@tensorflow/tfjs';
import { lineChart, param, scatterChart, table } from 'course';

// Which of the seven examples the model is shown.
const EXAMPLES = param('examples', 'all seven', { choices: ['all seven', '0 to 30 °C', 'only two'] });
// How far off the Fahrenheit readings are: the standard deviation of a random error, in °F
// (0: a perfect thermometer). `seed` picks which random errors.
const NOISE = param('noise', 0, { min: 0, max: 5, step: 0.5 });
const SEED = param('seed', 1, { min: 1, max: 20, step: 1 });
// Epoch: one pass over the examples, one small correction of the rule.
const EPOCHS = param('epochs', 500, { min: 10, max: 2000, step: 10 });

// The examples: temperatures and their conversions. The model is never told the formula.
const allCelsius = [-40, -10, 0, 8, 15, 22, 38];
const errors = tf.randomNormal([allCelsius.length], 0, 1, 'float32', SEED);
const errorData = await errors.data();
errors.dispose();
const allFahrenheit = allCelsius.map((c, i) => c * 1.8 + 32 + NOISE * errorData[i]!);
const shown = (c: number) => (EXAMPLES === '0 to 30 °C' ? c >= 0 && c <= 30 : EXAMPLES === 'only two' ? c === 0 || c === 22 : true);
const celsius = allCelsius.filter(shown);
const fahrenheit = allFahrenheit.filter((_, i) => shown(allCelsius[i]!));

// One input, one output, one weight and one bias: output = w·input + b. It starts from
// w = 0, b = 0, so every run with the same settings gives the same result.
const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })] });
const optimizer = tf.train.adam(0.5);
model.compile({ optimizer, loss: 'meanSquaredError' });

const chart = lineChart({ title: 'Loss while learning', xLabel: 'epoch', yLabel: 'mean squared error (°F²)', series: ['loss'] });
const xs = tf.tensor2d(celsius, [celsius.length, 1]);
const ys = tf.tensor2d(fahrenheit, [fahrenheit.length, 1]);
await model.fit(xs, ys, {
  epochs: EPOCHS,
  verbose: 0,
  callbacks: { onEpochEnd: (epoch, logs) => chart.push(0, epoch + 1, logs?.['loss'] ?? Number.NaN) },
});

// The best straight line through these examples, worked out with a formula instead of
// training (least squares: the line with the smallest mean squared error, chapter 2).
function bestLine(x: number[], y: number[]): [number, number] {
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const [mx, my] = [mean(x), mean(y)];
  const slope = x.reduce((s, xi, i) => s + (xi - mx) * (y[i]! - my), 0) / x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
  return [slope, my - slope * mx];
}

const [w, b] = await Promise.all(model.getWeights().map(async (t) => (await t.data())[0]!));
const rules: [string, number, number][] = [
  ['true rule', 1.8, 32],
  ['best line through these examples', ...bestLine(celsius, fahrenheit)],
  ['learned rule', w!, b!],
];
table(
  rules.map(([name, m, c]) => [name, Number(m.toFixed(3)), Number(c.toFixed(2)), Number((100 * m + c).toFixed(1))]),
  { caption: `The rule from ${celsius.length} examples, reading error ${NOISE} °F`, columns: ['', 'multiply by', 'then add', '100 °C gives (°F)'] },
);

scatterChart({ title: 'The examples and the learned rule, out to 100 °C', xLabel: '°C', yLabel: '°F', series: ['examples', 'learned rule'], lines: ['learned rule'] }).set([
  celsius.map((c, i) => [c, fahrenheit[i]!] as [number, number]),
  [-40, 100].map((c) => [c, w! * c + b!] as [number, number]),
]);

const hundred = tf.tensor2d([100], [1, 1]);
const answer = model.predict(hundred) as tf.Tensor;
console.log(`100 °C -> ${(await answer.data())[0]!.toFixed(1)} °F (true: 212 °F)`);

tf.dispose([xs, ys, hundred, answer]);
// A model does not own an optimizer it was given, so we free both.
model.dispose();
optimizer.dispose();
