// Latent diffusion, the idea behind Stable Diffusion: run diffusion not on the 784 pixels
// but on the autoencoder's codes (32 numbers per digit), then let the decoder turn the
// final code into pixels. The plain autoencoder cannot draw well by itself: we know each
// number's mean and spread, not how the 32 go together (the VAE's are pulled towards
// N(0, 1); these are not). A diffusion model learns that, and on 32 numbers a small
// network of dense layers is enough.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, lineChart, param, progress, recall, table } from 'course';

const STEPS = param('steps', 3000, { label: 'training steps', min: 0, max: 20000, step: 500 });
const COUNT = param('count', 20, { label: 'digits', min: 1, max: 100 });
const BATCH = 128;

const encoder = await recall<tf.LayersModel>('ae-encoder', { from: 'Train the autoencoder' });
const decoder = await recall<tf.LayersModel>('ae-decoder', { from: 'Train the autoencoder' });

// The codes of the 8,000 training digits, each of the 32 numbers scaled to mean 0 and
// standard deviation 1, so that the noise of the schedule means the same for every number.
const mnist = await data.mnist({ set: 'bundled' });
const codes = tf.tidy(() => encoder.predict(mnist.train.xs.reshape([-1, 784])) as tf.Tensor2D);
mnist.dispose();
const { mean: codeMean, variance } = tf.moments(codes, 0);
const codeStd = tf.tidy(() => variance.sqrt().add(1e-6));
const z = tf.tidy(() => codes.sub(codeMean).div(codeStd) as tf.Tensor2D);
const CODE = z.shape[1];
const toDigits = (zs: tf.Tensor2D) => tf.tidy(() => (decoder.predict(zs.mul(codeStd).add(codeMean)) as tf.Tensor).reshape([-1, 28, 28, 1]) as tf.Tensor4D);

// The schedule and time embedding of the pixel-space model.
const T = 200;
const betas = Array.from({ length: T }, (_, t) => (0.1 + (19.9 * t) / (T - 1)) / 200);
const alphaBar: number[] = [];
betas.reduce((product, beta, t) => (alphaBar[t] = product * (1 - beta)), 1);
const TIME_DIM = 32;
function timeEmbedding(ts: number[]): tf.Tensor2D {
  const half = TIME_DIM / 2;
  const angles = ts.flatMap((t) => Array.from({ length: half }, (_, i) => t * Math.exp((-Math.log(10000) * i) / half)));
  return tf.tidy(() => {
    const a = tf.tensor2d(angles, [ts.length, half]);
    return tf.concat([tf.sin(a), tf.cos(a)], 1) as tf.Tensor2D;
  });
}

// The denoiser: the noisy code and t in, the noise estimate out. No convolutions: a code
// has no pixels next to each other, just 32 numbers.
const noisyCode = tf.input({ shape: [CODE] });
const time = tf.input({ shape: [TIME_DIM] });
let h = tf.layers.concatenate().apply([noisyCode, time]) as tf.SymbolicTensor;
for (let i = 0; i < 3; i++) h = tf.layers.dense({ units: 256, activation: 'swish' }).apply(h) as tf.SymbolicTensor;
const denoiser = tf.model({ inputs: [noisyCode, time], outputs: tf.layers.dense({ units: CODE }).apply(h) as tf.SymbolicTensor });
table(
  [
    { 'diffusion on': 'pixels (previous playgrounds)', 'numbers per digit': 784, network: 'U-Net (convolutions)' },
    { 'diffusion on': 'autoencoder codes (here)', 'numbers per digit': CODE, network: `3 hidden dense layers of 256, ${denoiser.countParams().toLocaleString('en-US')} weights` },
  ],
  { caption: 'What the denoiser works on' },
);

const optimizer = tf.train.adam(1e-3);
const chart = lineChart({ title: 'Latent noise prediction error', series: ['loss (mean of 100 steps)'], xLabel: 'step', yLabel: 'mean squared error' });
const bar = progress('Training the latent denoiser', STEPS);
let pending: tf.Scalar[] = [];
for (let step = 1; step <= STEPS; step++) {
  const ts = Array.from({ length: BATCH }, () => Math.floor(Math.random() * T));
  pending.push(tf.tidy(() => {
    const z0 = tf.gather(z, tf.randomUniformInt([BATCH], 0, z.shape[0]));
    const noise = tf.randomNormal(z0.shape);
    const ab = tf.tensor(ts.map((t) => alphaBar[t]!)).reshape([BATCH, 1]);
    const zt = z0.mul(ab.sqrt()).add(noise.mul(tf.scalar(1).sub(ab).sqrt()));
    return optimizer.minimize(() => tf.losses.meanSquaredError(noise, denoiser.predict([zt, timeEmbedding(ts)]) as tf.Tensor) as tf.Scalar, true)!;
  }));
  if (step % 100 === 0 || step === STEPS) {
    const values = await Promise.all(pending.map(async (l) => (await l.data())[0]!));
    tf.dispose(pending);
    pending = [];
    chart.push('loss (mean of 100 steps)', step, values.reduce((a, b) => a + b, 0) / values.length);
    bar.update(step);
    await tf.nextFrame();
  }
}
bar.done();

// The reverse process on codes, all 200 steps (a pass of this network is cheap): the
// DDPM mean of z_(t-1), plus fresh noise except at the end.
let zt: tf.Tensor2D = tf.randomNormal([COUNT, CODE]);
for (let t = T - 1; t >= 0; t--) {
  const next = tf.tidy(() => {
    const eps = denoiser.predict([zt, timeEmbedding(Array(COUNT).fill(t))]) as tf.Tensor2D;
    const mean = zt.sub(eps.mul(betas[t]! / Math.sqrt(1 - alphaBar[t]!))).div(Math.sqrt(1 - betas[t]!));
    return (t > 0 ? mean.add(tf.randomNormal(zt.shape).mul(Math.sqrt((betas[t]! * (1 - alphaBar[t - 1]!)) / (1 - alphaBar[t]!)))) : mean) as tf.Tensor2D;
  });
  zt.dispose();
  zt = next;
}

// For contrast, codes made up the naive way: each of the 32 numbers drawn from a normal
// with that number's mean and spread, independently of the others.
const naive = tf.randomNormal([COUNT, CODE]) as tf.Tensor2D;
const naiveDigits = toDigits(naive);
imageGrid(naiveDigits, { columns: 10, scale: 2, caption: 'Decoded from made-up codes: every number drawn on its own, from its own normal' });
const generated = toDigits(zt);
imageGrid(generated, { columns: 10, scale: 2, caption: `Decoded from codes the latent diffusion model generated (${STEPS} training steps, 200 reverse steps)` });
tf.dispose([codes, codeMean, variance, codeStd, z, zt, naive, naiveDigits, generated]);
optimizer.dispose();
denoiser.dispose();
