// Inside the latent space: where the VAE and the plain autoencoder put the validation
// digits, what the VAE's decoder draws across its latent plane, new digits from N(0, I),
// and a walk from one real digit to another.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, param, recall, scatterChart, table } from 'course';

const FROM = param('from', 3, { label: 'walk from digit', min: 0, max: 9 });
const TO = param('to', 8, { label: 'walk to digit', min: 0, max: 9 });
const trainedIn = 'Train the VAE and the plain autoencoder';
const vaeEncoder = await recall<tf.LayersModel>('vae-encoder', { from: trainedIn });
const vaeDecoder = await recall<tf.LayersModel>('vae-decoder', { from: trainedIn });
const aeEncoder = await recall<tf.LayersModel>('latent-ae-encoder', { from: trainedIn });
const latent = vaeDecoder.inputs[0]!.shape[1]!;

const mnist = await data.mnist({ set: 'bundled' });
const digits = mnist.validation.xs.reshape([-1, 784]);
const labels = mnist.validation.labels;
// The VAE's code of a digit is the mean its encoder gives (its first `latent` outputs).
const vaeCodes = tf.tidy(() => (vaeEncoder.predict(digits) as tf.Tensor2D).slice([0, 0], [-1, latent]));
const aeCodes = aeEncoder.predict(digits) as tf.Tensor2D;
const [vae, ae] = [(await vaeCodes.array()) as number[][], (await aeCodes.array()) as number[][]];

const names = Array.from({ length: 10 }, (_, d) => String(d));
const byDigit = (codes: number[][]) => names.map((_, d) => codes.flatMap((c, i) => (labels[i] === d ? [[c[0]!, c[1]!] as [number, number]] : [])));
if (latent === 2) {
  scatterChart({ title: 'VAE: validation digits in its 2-D latent space', series: names, xLabel: 'z1', yLabel: 'z2' }).set(byDigit(vae));
  scatterChart({ title: 'Plain autoencoder: the same digits in its 2-D code space', series: names, xLabel: 'code 1', yLabel: 'code 2' }).set(byDigit(ae));
  // The two charts scale their axes separately; the table puts them side by side.
  const spread = (codes: number[][]) => {
    const all = codes.flat();
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    return { low: Math.min(...all), high: Math.max(...all), 'standard deviation': Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / all.length) };
  };
  table([{ model: 'VAE', ...spread(vae) }, { model: 'plain autoencoder', ...spread(ae) }].map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(2)) : v]))), {
    caption: 'Where the codes lie, all latent numbers together: the KL term keeps the VAE near N(0, 1)',
  });

  // Decode a 12x12 grid of points from -2.5 to 2.5 on both axes.
  const side = 12;
  const grid = Array.from({ length: side * side }, (_, i) => [-2.5 + (5 * (i % side)) / (side - 1), 2.5 - (5 * Math.floor(i / side)) / (side - 1)]);
  const plane = tf.tidy(() => (vaeDecoder.predict(tf.tensor2d(grid)) as tf.Tensor).reshape([-1, 28, 28, 1]) as tf.Tensor4D);
  imageGrid(plane, { columns: side, scale: 1, caption: 'The VAE decoder across its latent plane, z1 and z2 from -2.5 to 2.5 (z2 up)' });
  plane.dispose();
} else {
  console.log(`The maps need a 2-D latent space; this VAE has ${latent} latent numbers. Train it again with latent 2 to see them.`);
}

// New digits: random codes from N(0, I) through the decoder.
const samples = tf.tidy(() => (vaeDecoder.predict(tf.randomNormal([24, latent])) as tf.Tensor).reshape([-1, 28, 28, 1]) as tf.Tensor4D);
imageGrid(samples, { columns: 12, scale: 2, caption: '24 new digits sampled from N(0, I)' });

// A straight walk in latent space between the codes of two real digits.
const first = labels.indexOf(FROM);
const second = labels.indexOf(TO);
const walk = tf.tidy(() => {
  const a = vaeCodes.slice([first, 0], [1, latent]);
  const b = vaeCodes.slice([second, 0], [1, latent]);
  const codes = tf.concat(Array.from({ length: 10 }, (_, i) => a.mul(1 - i / 9).add(b.mul(i / 9))));
  return tf.concat([digits.slice([first, 0], [1, 784]), vaeDecoder.predict(codes) as tf.Tensor, digits.slice([second, 0], [1, 784])]).reshape([-1, 28, 28, 1]) as tf.Tensor4D;
});
imageGrid(walk, {
  columns: 12,
  scale: 2,
  labels: ['real', ...Array.from({ length: 10 }, (_, i) => `${Math.round((100 * i) / 9)}%`), 'real'],
  caption: `From a real ${FROM} to a real ${TO}: ten evenly spaced codes between theirs, decoded`,
});
tf.dispose([digits, vaeCodes, aeCodes, samples, walk]);
mnist.dispose();
