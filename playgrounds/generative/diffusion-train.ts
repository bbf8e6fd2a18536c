// A denoising diffusion model (DDPM) trained here, in the browser: a small U-Net learns
// to predict the noise that was added to a digit, for every noise level t. Generating
// then runs the other way: start from pure noise and remove a little predicted noise at
// a time. The network is also told which digit it is looking at, except for one example
// in ten, where the label says "any digit": so it learns to draw a digit on request and
// to draw any digit. The course's checkpoint (next playground) is this same network,
// wider and trained longer.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, keep, lineChart, param, progress, table } from 'course';

const STEPS = param('steps', 1000, { label: 'training steps', min: 0, max: 20000, step: 100 });
const CHANNELS = param('channels', 8, { label: 'U-Net channels', choices: [8, 16, 24, 32] });
const BATCH = param('batch', 32, { label: 'digits per step', choices: [16, 32, 64, 128] });
const PREVIEWS = 4; // times during training that we generate a few digits to look at

// The noise schedule: 200 steps, beta_t rising linearly (DDPM's 1e-4..0.02 over 1,000
// steps, rescaled). sqrt(alphaBar[t]) is how much of the original signal is left after t+1 steps.
const T = 200;
const betas = Array.from({ length: T }, (_, t) => (0.1 + (19.9 * t) / (T - 1)) / 200);
const alphaBar: number[] = [];
betas.reduce((product, beta, t) => (alphaBar[t] = product * (1 - beta)), 1);

// Labels: one-hot over the 10 digits plus an 11th, "any digit".
const LABELS = 11;
const ANY_DIGIT = 10;
const UNCONDITIONAL = 0.1; // share of training examples whose label is hidden
const oneHot = (digits: number[]) => tf.oneHot(digits, LABELS).toFloat() as tf.Tensor2D;

// The network must know t: it gets it as 32 sines and cosines of different frequencies.
const TIME_DIM = 32;
function timeEmbedding(ts: number[]): tf.Tensor2D {
  const half = TIME_DIM / 2;
  const angles = ts.flatMap((t) => Array.from({ length: half }, (_, i) => t * Math.exp((-Math.log(10000) * i) / half)));
  return tf.tidy(() => {
    const a = tf.tensor2d(angles, [ts.length, half]);
    return tf.concat([tf.sin(a), tf.cos(a)], 1) as tf.Tensor2D;
  });
}

// A U-Net: two downsamplings to 7x7, back up, and skip connections that hand the fine
// detail of the way down to the way up. Each block adds the time embedding to its features.
function buildUNet(c: number): tf.LayersModel {
  const image = tf.input({ shape: [28, 28, 1], name: 'noisy_image' });
  const time = tf.input({ shape: [TIME_DIM], name: 'time_embedding' });
  const label = tf.input({ shape: [LABELS], name: 'label' });
  const t = tf.layers.dense({ units: 128, activation: 'swish', name: 'time_mlp' }).apply(time) as tf.SymbolicTensor;
  const block = (x: tf.SymbolicTensor, filters: number, size: number, name: string) => {
    let h = tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'swish', name: `${name}_conv1` }).apply(x) as tf.SymbolicTensor;
    // One number per channel from t, spread over the whole size x size map and added.
    let shift = tf.layers.dense({ units: filters, name: `${name}_time` }).apply(t) as tf.SymbolicTensor;
    shift = tf.layers.reshape({ targetShape: [1, 1, filters] }).apply(shift) as tf.SymbolicTensor;
    shift = tf.layers.upSampling2d({ size: [size, size] }).apply(shift) as tf.SymbolicTensor;
    h = tf.layers.add().apply([h, shift]) as tf.SymbolicTensor;
    return tf.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'swish', name: `${name}_conv2` }).apply(h) as tf.SymbolicTensor;
  };
  const pool = (x: tf.SymbolicTensor) => tf.layers.averagePooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  const upConcat = (x: tf.SymbolicTensor, skip: tf.SymbolicTensor) =>
    tf.layers.concatenate().apply([tf.layers.upSampling2d({ size: [2, 2] }).apply(x) as tf.SymbolicTensor, skip]) as tf.SymbolicTensor;
  const h1 = block(image, c, 28, 'down1'); // 28x28xc
  const h2 = block(pool(h1), 2 * c, 14, 'down2'); // 14x14x2c
  // The label becomes a learned 7x7 picture (2c channels) per digit, added where the
  // U-Net is coarsest: from pure noise, this is where the digit's shape can come from.
  let picture = tf.layers.dense({ units: 7 * 7 * 2 * c, name: 'label_map' }).apply(label) as tf.SymbolicTensor;
  picture = tf.layers.reshape({ targetShape: [7, 7, 2 * c] }).apply(picture) as tf.SymbolicTensor;
  const h3 = block(tf.layers.add().apply([pool(h2), picture]) as tf.SymbolicTensor, 2 * c, 7, 'mid'); // 7x7x2c
  let u = block(upConcat(h3, h2), 2 * c, 14, 'up2');
  u = block(upConcat(u, h1), c, 28, 'up1');
  const noise = tf.layers.conv2d({ filters: 1, kernelSize: 1, name: 'out' }).apply(u) as tf.SymbolicTensor;
  return tf.model({ inputs: [image, time, label], outputs: noise, name: 'unet' });
}

/**
 * The reverse process on a subsequence of the T steps: at each step, the model's noise
 * estimate gives the mean of the slightly less noisy image, and a little fresh noise is
 * added back, except at the last step. The noise estimate is guided (classifier-free
 * guidance): the "any digit" estimate, moved twice as far towards the estimate for the
 * digit asked for. The next playground explains it and lets you change the 2.
 */
async function generate(model: tf.LayersModel, digits: number[], stepCount: number): Promise<tf.Tensor4D> {
  const n = digits.length;
  const steps = Array.from({ length: stepCount }, (_, i) => Math.round((i * (T - 1)) / Math.max(1, stepCount - 1)));
  const labels = tf.tidy(() => oneHot([...digits, ...Array(n).fill(ANY_DIGIT)]));
  let x: tf.Tensor4D = tf.randomNormal([n, 28, 28, 1]);
  for (let i = steps.length - 1; i >= 0; i--) {
    const t = steps[i]!;
    const abPrev = i > 0 ? alphaBar[steps[i - 1]!]! : 1;
    const beta = 1 - alphaBar[t]! / abPrev; // the step's beta, for the steps we skip too
    const next = tf.tidy(() => {
      const [asked, any] = tf.split(model.predict([tf.concat([x, x]), timeEmbedding(Array(2 * n).fill(t)), labels]) as tf.Tensor4D, 2);
      const eps = any!.add(asked!.sub(any!).mul(2));
      // The clean digit this noise estimate implies, kept to -1..1, then the mean of x_(t-1).
      const x0 = x.sub(eps.mul(Math.sqrt(1 - alphaBar[t]!))).div(Math.sqrt(alphaBar[t]!)).clipByValue(-1, 1);
      const mean = x0.mul((Math.sqrt(abPrev) * beta) / (1 - alphaBar[t]!)).add(x.mul((Math.sqrt(1 - beta) * (1 - abPrev)) / (1 - alphaBar[t]!)));
      const sigma = Math.sqrt((beta * (1 - abPrev)) / (1 - alphaBar[t]!));
      return (i > 0 ? mean.add(tf.randomNormal(x.shape).mul(sigma)) : mean) as tf.Tensor4D;
    });
    x.dispose();
    x = next;
    await tf.nextFrame(); // let the page breathe between the network's passes
  }
  const image = tf.tidy(() => x.add(1).div(2).clipByValue(0, 1) as tf.Tensor4D);
  tf.dispose([x, labels]);
  return image;
}

const mnist = await data.mnist({ set: 'bundled' });
const digits = tf.tidy(() => mnist.train.xs.mul(2).sub(1)); // pixels from 0..1 to -1..1
const digitLabels = tf.tidy(() => mnist.train.ys.argMax(1)); // 0..9
mnist.dispose();

const model = buildUNet(CHANNELS);
table([{ network: `U-Net, ${CHANNELS} channels`, weights: model.countParams(), 'noise steps T': T, batch: BATCH }], { caption: 'The denoiser' });
const optimizer = tf.train.adam(1e-3);
const chart = lineChart({ title: 'Noise prediction error', series: ['loss (mean of 50 steps)'], xLabel: 'step', yLabel: 'mean squared error', compareRuns: true });
const bar = progress('Training the denoiser', STEPS);

let pending: tf.Scalar[] = [];
for (let step = 1; step <= STEPS; step++) {
  // One training example: a random digit, a random t, the noise that takes it to step t.
  const ts = Array.from({ length: BATCH }, () => Math.floor(Math.random() * T));
  const loss = tf.tidy(() => {
    const pick = tf.randomUniformInt([BATCH], 0, digits.shape[0]!);
    const x0 = tf.gather(digits, pick);
    const hidden = tf.randomUniform([BATCH]).less(UNCONDITIONAL);
    const label = tf.oneHot(tf.where(hidden, tf.fill([BATCH], ANY_DIGIT, 'int32'), tf.gather(digitLabels, pick)), LABELS).toFloat();
    const noise = tf.randomNormal(x0.shape);
    const ab = tf.tensor(ts.map((t) => alphaBar[t]!)).reshape([BATCH, 1, 1, 1]);
    const xt = x0.mul(ab.sqrt()).add(noise.mul(tf.scalar(1).sub(ab).sqrt()));
    const temb = timeEmbedding(ts);
    return optimizer.minimize(() => tf.losses.meanSquaredError(noise, model.predict([xt, temb, label]) as tf.Tensor) as tf.Scalar, true)!;
  });
  pending.push(loss);
  if (step % 50 === 0 || step === STEPS) {
    // Read the losses every 50 steps, together: one wait for the device, not 50.
    const values = await Promise.all(pending.map(async (l) => (await l.data())[0]!));
    tf.dispose(pending);
    pending = [];
    chart.push('loss (mean of 50 steps)', step, values.reduce((a, b) => a + b, 0) / values.length);
  }
  bar.update(step);
  if (step % Math.ceil(STEPS / PREVIEWS) === 0 || step === STEPS) {
    const samples = await generate(model, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 50); // 50 of the 200 steps: quicker, nearly as good
    imageGrid(samples, { columns: 10, scale: 2, labels: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], caption: `Asked for 0 to 9, generated from pure noise after ${step} training steps` });
    samples.dispose();
  }
  await tf.nextFrame();
}
bar.done();
tf.dispose([digits, digitLabels]);
optimizer.dispose();
await keep('diffusion-model', model, { persist: true });
