// A variational autoencoder (VAE). Its encoder does not give one code per digit but a
// small cloud: a mean and a (log) variance for every latent number. The decoder is fed a
// point drawn from that cloud, and a second loss term (the KL divergence) keeps every
// cloud close to the standard normal N(0, 1). Next to it, on the same digits and batches,
// the plain autoencoder with the same layers, so the next playground can compare them.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, keep, lineChart, param, progress, table } from 'course';

const LATENT = param('latent', 2, { label: 'latent numbers', choices: [2, 8, 16] });
const EPOCHS = param('epochs', 10, { min: 1, max: 50 });
const BATCH = 100;

function encoderModel(outputs: number, name: string): tf.LayersModel {
  return tf.sequential({ name, layers: [tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu' }), tf.layers.dense({ units: outputs })] });
}
function decoderModel(name: string): tf.LayersModel {
  return tf.sequential({
    name,
    layers: [tf.layers.dense({ inputShape: [LATENT], units: 256, activation: 'relu' }), tf.layers.dense({ units: 784, activation: 'sigmoid' })],
  });
}
// The VAE's encoder gives 2 x LATENT numbers: the means, then the log-variances.
const vaeEncoder = encoderModel(2 * LATENT, 'vae_encoder');
const vaeDecoder = decoderModel('vae_decoder');
const aeEncoder = encoderModel(LATENT, 'ae_encoder');
const aeDecoder = decoderModel('ae_decoder');

/** How badly `restored` rebuilds `x`: binary cross-entropy summed over the 784 pixels, mean over the batch. */
const reconstructionLoss = (x: tf.Tensor, restored: tf.Tensor) => tf.metrics.binaryCrossentropy(x, restored).mul(784).mean() as tf.Scalar;

function vaeLosses(x: tf.Tensor2D): { reconstruction: tf.Scalar; kl: tf.Scalar } {
  const [mean, logVar] = tf.split(vaeEncoder.apply(x) as tf.Tensor2D, 2, 1);
  // The reparameterisation trick: z = mean + sigma * epsilon with epsilon ~ N(0, 1).
  // The randomness is an input, so gradients flow through mean and sigma.
  const epsilon = tf.randomNormal(mean!.shape);
  const z = mean!.add(logVar!.mul(0.5).exp().mul(epsilon));
  const reconstruction = reconstructionLoss(x, vaeDecoder.apply(z) as tf.Tensor);
  // KL(N(mean, sigma^2) || N(0, 1)), summed over the latent numbers: zero only when mean = 0, sigma = 1.
  const kl = logVar!.add(1).sub(mean!.square()).sub(logVar!.exp()).sum(1).mul(-0.5).mean() as tf.Scalar;
  return { reconstruction, kl };
}

const mnist = await data.mnist({ set: 'bundled' });
const train = mnist.train.xs.reshape([-1, 784]) as tf.Tensor2D;
const validation = mnist.validation.xs.reshape([-1, 784]) as tf.Tensor2D;
const batches = Math.floor(train.shape[0] / BATCH);

const vaeOptimizer = tf.train.adam(1e-3);
const aeOptimizer = tf.train.adam(1e-3);
const chart = lineChart({ title: 'VAE loss per digit (training)', series: ['reconstruction', 'KL divergence', 'plain autoencoder: reconstruction'], xLabel: 'epoch', yLabel: 'loss per digit', compareRuns: true });
const bar = progress('Training the VAE and the plain autoencoder', EPOCHS * batches);
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const order = tf.util.createShuffledIndices(train.shape[0]);
  const sums: tf.Scalar[] = [];
  for (let b = 0; b < batches; b++) {
    const step = tf.tidy(() => {
      const x = tf.gather(train, Array.from(order.slice(b * BATCH, (b + 1) * BATCH)));
      let parts!: { reconstruction: tf.Scalar; kl: tf.Scalar };
      vaeOptimizer.minimize(() => {
        const { reconstruction, kl } = vaeLosses(x);
        // minimize disposes everything but its result: keep the two terms for the chart.
        parts = { reconstruction: tf.keep(reconstruction), kl: tf.keep(kl) };
        return reconstruction.add(kl) as tf.Scalar;
      });
      // The plain autoencoder: the same layers, no sampling, no KL term.
      const aeLoss = aeOptimizer.minimize(() => reconstructionLoss(x, aeDecoder.apply(aeEncoder.apply(x)) as tf.Tensor), true)!;
      const losses = tf.stack([parts.reconstruction, parts.kl, aeLoss]);
      tf.dispose([parts.reconstruction, parts.kl]);
      return losses;
    });
    sums.push(step as tf.Scalar);
    bar.update(epoch * batches + b + 1);
    if (b % 10 === 0) await tf.nextFrame();
  }
  // One read per epoch: the mean of each loss over its batches.
  const means = tf.tidy(() => tf.stack(sums).mean(0));
  const [reconstruction, kl, ae] = Array.from(await means.data());
  tf.dispose([means, ...sums]);
  chart.push('reconstruction', epoch + 1, reconstruction!);
  chart.push('KL divergence', epoch + 1, kl!);
  chart.push('plain autoencoder: reconstruction', epoch + 1, ae!);
}
bar.done();

// On validation digits, decoding the mean code (no sampling), against the mean digit.
const errors = tf.tidy(() => {
  const [mean] = tf.split(vaeEncoder.predict(validation) as tf.Tensor2D, 2, 1);
  const meanImage = train.mean(0, true).tile([validation.shape[0], 1]);
  return tf.stack([
    tf.losses.meanSquaredError(validation, vaeDecoder.predict(mean!) as tf.Tensor),
    tf.losses.meanSquaredError(validation, aeDecoder.predict(aeEncoder.predict(validation) as tf.Tensor) as tf.Tensor),
    tf.losses.meanSquaredError(validation, meanImage),
  ]);
});
const [vaeError, aeError, meanError] = Array.from(await errors.data());
table(
  [
    { model: 'VAE', 'validation error (MSE per pixel)': Number(vaeError!.toFixed(4)), 'times better than the mean digit': Number((meanError! / vaeError!).toFixed(1)) },
    { model: 'plain autoencoder', 'validation error (MSE per pixel)': Number(aeError!.toFixed(4)), 'times better than the mean digit': Number((meanError! / aeError!).toFixed(1)) },
  ],
  { caption: `Reconstruction through ${LATENT} latent numbers after ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'} (mean digit: ${meanError!.toFixed(4)})` },
);

// New digits: codes drawn from N(0, 1), decoded. No digit went in.
const samples = tf.tidy(() => (vaeDecoder.predict(tf.randomNormal([16, LATENT])) as tf.Tensor).reshape([16, 28, 28, 1]) as tf.Tensor4D);
imageGrid(samples, { columns: 16, scale: 2, caption: `16 new digits: random codes from N(0, 1) through the VAE's decoder` });

tf.dispose([errors, samples, train, validation]);
[vaeOptimizer, aeOptimizer, aeDecoder].forEach((o) => o.dispose());
mnist.dispose();
await keep('vae-encoder', vaeEncoder, { persist: true });
await keep('vae-decoder', vaeDecoder, { persist: true });
await keep('latent-ae-encoder', aeEncoder, { persist: true });
