// The forward process of a diffusion model: add a little Gaussian noise, 200 times.
// Step t keeps sqrt(1 - beta_t) of the image and adds noise of variance beta_t. Because
// independent Gaussians add up to a Gaussian, we can also jump from the clean digit x0 to any step t
// at once: x_t = sqrt(alphaBar_t) x0 + sqrt(1 - alphaBar_t) noise.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, lineChart, param, table } from 'course';

const STEP = param('t', 50, { label: 'noise step t', min: 0, max: 199 });

// The schedule of the next playgrounds: beta_t from 0.0005 to 0.1, linearly.
const T = 200;
const betas = Array.from({ length: T }, (_, t) => (0.1 + (19.9 * t) / (T - 1)) / 200);
const alphaBar: number[] = [];
betas.reduce((product, beta, t) => (alphaBar[t] = product * (1 - beta)), 1);

lineChart({ title: 'How much is left after t steps', series: ['signal: sqrt(alphaBar)', 'noise: sqrt(1 - alphaBar)'], xLabel: 't', yLabel: 'weight' }).set(
  [alphaBar.map((a, t) => [t, Math.sqrt(a)]), alphaBar.map((a, t) => [t, Math.sqrt(1 - a)])],
);

const mnist = await data.mnist({ set: 'bundled' });
const x0 = tf.tidy(() => mnist.validation.xs.slice(0, 8).mul(2).sub(1)); // pixels in -1..1
mnist.dispose();

/** q(x_t | x_0) in one jump. */
const noisy = (x: tf.Tensor, t: number, noise: tf.Tensor) => tf.tidy(() => x.mul(Math.sqrt(alphaBar[t]!)).add(noise.mul(Math.sqrt(1 - alphaBar[t]!))));
const toPixels = (x: tf.Tensor) => tf.tidy(() => x.add(1).div(2).clipByValue(0, 1) as tf.Tensor4D);

const noise = tf.randomNormal(x0.shape);
const atStep = tf.tidy(() => toPixels(noisy(x0, STEP, noise)));
imageGrid(atStep, { columns: 8, scale: 2, caption: `Step t = ${STEP}: ${(100 * Math.sqrt(alphaBar[STEP]!)).toFixed(1)}% of the signal left, noise of standard deviation ${Math.sqrt(1 - alphaBar[STEP]!).toFixed(3)}` });
const shownSteps = [0, 10, 25, 50, 100, 150, 199];
const oneDigit = tf.tidy(() => tf.concat(shownSteps.map((t) => toPixels(noisy(x0.slice(0, 1), t, noise.slice(0, 1))))) as tf.Tensor4D);
imageGrid(oneDigit, { columns: shownSteps.length, scale: 3, labels: shownSteps.map((t) => `t = ${t}`), caption: 'One digit on its way to pure noise' });

// Check the jump against the single steps. Without noise, 1..t single steps must keep
// exactly sqrt(alphaBar_t) of the digit; with noise only (a black image), the noise the
// steps pile up must have standard deviation sqrt(1 - alphaBar_t).
const checks = [1, 10, 50, 100, 199];
const rows = [];
let signal = x0.clone();
let piled = tf.zeros([200, 28, 28, 1]);
for (let t = 0; t < T; t++) {
  const [nextSignal, nextPiled] = tf.tidy(() => [
    signal.mul(Math.sqrt(1 - betas[t]!)),
    piled.mul(Math.sqrt(1 - betas[t]!)).add(tf.randomNormal(piled.shape).mul(Math.sqrt(betas[t]!))),
  ]);
  tf.dispose([signal, piled]);
  [signal, piled] = [nextSignal!, nextPiled!];
  if (checks.includes(t)) {
    const [kept, std] = tf.tidy(() => [signal.sub(x0.mul(Math.sqrt(alphaBar[t]!))).abs().max(), tf.moments(piled).variance.sqrt()]);
    rows.push({
      t,
      'sqrt(alphaBar), the jump': Number(Math.sqrt(alphaBar[t]!).toFixed(5)),
      'largest pixel difference, steps vs jump': (await kept!.data())[0]!.toExponential(1),
      'noise std, the jump': Number(Math.sqrt(1 - alphaBar[t]!).toFixed(4)),
      'noise std of the steps (200 images)': Number((await std!.data())[0]!.toFixed(4)),
    });
    tf.dispose([kept!, std!]);
  }
}
table(rows, { caption: 'Single steps against the jump: the same signal, the same amount of noise' });
tf.dispose([x0, noise, atStep, oneDigit, signal, piled]);
