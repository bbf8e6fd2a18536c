// Generating digits with a trained denoiser: start from pure noise and run the reverse
// process. By default with the course's own checkpoint (the U-Net of the previous
// playground with 24 channels, trained longer by scripts/train/diffusion.py), so good
// samples come in seconds; or with the model you trained above.
import * as tf from '@tensorflow/tfjs';
import { imageGrid, models, param, progress, recall } from 'course';

const SOURCE = param('model', 'course checkpoint', { choices: ['course checkpoint', 'trained here'] });
// All 200 steps, or an evenly spaced subset of them: fewer network passes, a little less detail.
const SAMPLING_STEPS = param('samplingSteps', 50, { label: 'reverse steps', choices: [200, 100, 50, 20] });
const COUNT = param('count', 20, { label: 'digits', min: 1, max: 100 });
// Which digits to ask for: 0 to 9 in turn, one of them, or "any" (the label hidden).
const DIGIT = param('digit', 'each in turn', { choices: ['each in turn', 'any', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
// Classifier-free guidance: 0 ignores the label, 1 follows it, more follows it harder.
const GUIDANCE = param('guidance', 2, { label: 'guidance scale', min: 0, max: 6, step: 0.5 });

const model = SOURCE === 'course checkpoint' ? await models.trained('diffusion') : await recall<tf.LayersModel>('diffusion-model', { from: 'Train a diffusion model' });

// The same schedule and time embedding the model was trained with.
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
const toPixels = (x: tf.Tensor) => tf.tidy(() => x.add(1).div(2).clipByValue(0, 1) as tf.Tensor4D);

const ANY_DIGIT = 10; // the 11th label: "any digit"
const asked = Array.from({ length: COUNT }, (_, i) => (DIGIT === 'each in turn' ? i % 10 : DIGIT === 'any' ? ANY_DIGIT : Number(DIGIT)));
const guided = DIGIT !== 'any' && GUIDANCE !== 1;
// One network pass per step: the batch holds the noisy digits twice when we guide, once
// with the label asked for and once with "any digit".
const labels = tf.tidy(() => tf.oneHot(guided ? [...asked, ...Array(COUNT).fill(ANY_DIGIT)] : asked, ANY_DIGIT + 1).toFloat());

/** The noise estimate for x at step t: with guidance, "any digit" moved GUIDANCE times towards the label's. */
function predictNoise(x: tf.Tensor4D, t: number): tf.Tensor4D {
  if (!guided) return model.predict([x, timeEmbedding(Array(COUNT).fill(t)), labels]) as tf.Tensor4D;
  const [withLabel, any] = tf.split(model.predict([tf.concat([x, x]), timeEmbedding(Array(2 * COUNT).fill(t)), labels]) as tf.Tensor4D, 2);
  return any!.add(withLabel!.sub(any!).mul(GUIDANCE));
}

// Which of the T steps we visit, from t = 199 down to t = 0.
const steps = Array.from({ length: SAMPLING_STEPS }, (_, i) => Math.round((i * (T - 1)) / (SAMPLING_STEPS - 1)));
const snapshotAt = new Set([steps.length - 1, ...[0.8, 0.6, 0.4, 0.25, 0.1].map((f) => Math.round(f * (steps.length - 1))), 0]);
const snapshots: tf.Tensor4D[] = [];
const snapshotLabels: string[] = [];

const started = performance.now();
const bar = progress('Removing noise', steps.length);
let x: tf.Tensor4D = tf.randomNormal([COUNT, 28, 28, 1]); // x_T: pure noise
for (let i = steps.length - 1; i >= 0; i--) {
  const t = steps[i]!;
  const abPrev = i > 0 ? alphaBar[steps[i - 1]!]! : 1;
  const beta = 1 - alphaBar[t]! / abPrev; // covers the steps we skip too
  const next = tf.tidy(() => {
    // The network's guess of the noise in x_t gives a guess of the clean digit x0, which we
    // keep to the valid pixel range -1..1 (as the DDPM authors' code does)...
    const eps = predictNoise(x, t);
    const x0 = x.sub(eps.mul(Math.sqrt(1 - alphaBar[t]!))).div(Math.sqrt(alphaBar[t]!)).clipByValue(-1, 1);
    // ...and the mean of x_(t-1) lies between that clean guess and x_t.
    const mean = x0.mul((Math.sqrt(abPrev) * beta) / (1 - alphaBar[t]!)).add(x.mul((Math.sqrt(1 - beta) * (1 - abPrev)) / (1 - alphaBar[t]!)));
    // ...and a little fresh noise keeps the process random, except at the very end.
    const sigma = Math.sqrt((beta * (1 - abPrev)) / (1 - alphaBar[t]!));
    return (i > 0 ? mean.add(tf.randomNormal(x.shape).mul(sigma)) : mean) as tf.Tensor4D;
  });
  x.dispose();
  x = next;
  if (snapshotAt.has(i)) {
    snapshots.push(tf.tidy(() => toPixels(x.slice(0, Math.min(4, COUNT)))));
    snapshotLabels.push(`t = ${i > 0 ? steps[i - 1] : 0}`);
  }
  bar.update(steps.length - i);
  await tf.nextFrame();
}
bar.done();
const seconds = (performance.now() - started) / 1000;

// Each column is one digit on its way out of the noise (rows: the steps, top to bottom).
const rows = Math.min(4, COUNT);
const journey = tf.tidy(() => tf.stack(snapshots, 1).reshape([-1, 28, 28, 1]) as tf.Tensor4D);
imageGrid(journey, {
  columns: snapshots.length,
  scale: 2,
  labels: Array.from({ length: rows * snapshots.length }, (_, i) => snapshotLabels[i % snapshots.length]!),
  caption: 'The reverse process, step by step: each row is one sample, from noise (left) to a digit (right)',
});
const digits = toPixels(x);
const askedFor = DIGIT === 'any' ? 'any digit' : `asked for ${DIGIT}, guidance ${GUIDANCE}`;
imageGrid(digits, {
  columns: 10,
  scale: 2,
  ...(DIGIT !== 'any' && { labels: asked.map(String) }),
  caption: `${COUNT} generated digits (${SOURCE}, ${askedFor}, ${SAMPLING_STEPS} reverse steps, ${seconds.toFixed(1)} s on ${tf.getBackend()})`,
});
tf.dispose([x, digits, journey, labels, ...snapshots]);
if (SOURCE === 'course checkpoint') model.dispose();
