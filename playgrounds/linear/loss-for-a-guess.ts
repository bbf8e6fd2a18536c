// Guess a line y = m·x + b and measure how wrong it is with MSE and RMSE.
import * as tf from '@tensorflow/tfjs';
import { param, scatterChart, table } from 'course';

// The "truth" the data comes from. The model never sees these two numbers.
const TRUE_M = 3;
const TRUE_B = 2;
const SAMPLES = 100;

// Try your own guess: change these two numbers and run again.
const guessM = param('guessM', 1.5, { min: -2, max: 6, step: 0.1 });
const guessB = param('guessB', 0, { min: -2, max: 6, step: 0.1 });

// x in [-1, 1], y = 3x + 2 plus Gaussian noise. Seeds make every run draw the same data.
const x = tf.randomUniform([SAMPLES], -1, 1, 'float32', 7);
const y = tf.tidy(() => x.mul(TRUE_M).add(TRUE_B).add(tf.randomNormal([SAMPLES], 0, 0.3, 'float32', 11)));

// ŷ = m·x + b for our guess, then the two losses from the formulas above.
const [mse, rmse] = tf.tidy(() => {
  const yHat = x.mul(guessM).add(guessB);
  const squaredError = tf.losses.meanSquaredError(y, yHat);
  return [squaredError, squaredError.sqrt()];
});

const xs = Array.from(await x.data());
const ys = Array.from(await y.data());
const chart = scatterChart({ title: 'Data and our guess', xLabel: 'x', yLabel: 'y', series: ['data', 'guess'], lines: ['guess'] });
chart.set([
  xs.map((xi, i) => [xi, ys[i]!] as [number, number]),
  [-1, 1].map((xi) => [xi, guessM * xi + guessB] as [number, number]),
]);

table([{ m: guessM, b: guessB, MSE: (await mse.data())[0], RMSE: (await rmse.data())[0] }], { caption: 'How wrong is the guess?' });

tf.dispose([x, y, mse, rmse]);
