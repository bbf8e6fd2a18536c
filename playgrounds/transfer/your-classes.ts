// Your own classes: photograph two or three things with the webcam (or choose files),
// and train a head on VGG16's features of your photos. Each photo goes through the
// frozen base once; the head of 513 x classes weights trains in seconds (it prints how long).
import * as tf from '@tensorflow/tfjs';
import { barChart, imageGrid, images, input, models, param, progress, table, type Pixels } from 'course';

const CLASSES = param('classes', 'mug, pen, nothing').split(',').map((c) => c.trim()).filter(Boolean);
const PHOTOS_PER_CLASS = param('photosPerClass', 5, { label: 'photos per class', min: 1, max: 20 });
const GUESSES = param('guesses', 3, { label: 'photos to predict', min: 1, max: 20 });
const IMAGE_SIZE = param('imageSize', 224, { label: 'image size', choices: [224, 160, 112, 64, 32] });
if (CLASSES.length < 2) throw new Error(`classes: name at least two, separated by commas (got "${CLASSES.join(',')}")`);

const { model: base, trained } = await models.vgg16({ includeTop: false, inputShape: [IMAGE_SIZE, IMAGE_SIZE, 3] });
const spec = { ...images.VGG16_INPUT, width: IMAGE_SIZE, height: IMAGE_SIZE };
// The frozen base's output, averaged over positions: 512 numbers per photo.
const featuresOf = (pixels: Pixels) =>
  tf.tidy(() => tf.mean(base.predict(images.toModelInput(pixels, spec)) as tf.Tensor4D, [1, 2]) as tf.Tensor2D);
const thumbnail = (pixels: Pixels) => tf.tidy(() => tf.image.resizeBilinear(images.toTensor(pixels), [64, 64]));

const features: tf.Tensor2D[] = [];
const labels: number[] = [];
const thumbs: tf.Tensor3D[] = [];
const bar = progress('your photos', CLASSES.length * PHOTOS_PER_CLASS);
for (const [c, name] of CLASSES.entries()) {
  for (let k = 1; k <= PHOTOS_PER_CLASS; k++) {
    const pixels = await input.photo({ prompt: `"${name}": photo ${k} of ${PHOTOS_PER_CLASS} (vary the angle and the distance)` });
    features.push(featuresOf(pixels));
    thumbs.push(thumbnail(pixels));
    labels.push(c);
    bar.update(features.length);
  }
}
bar.done();
imageGrid(thumbs, { labels: labels.map((c) => CLASSES[c]!), columns: PHOTOS_PER_CLASS, caption: 'Your training photos' });

// A softmax over your classes on top of the 512 features: (512 + 1) x classes weights.
const xs = tf.concat(features);
const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES.length));
const head = tf.sequential({ layers: [tf.layers.dense({ inputShape: [512], units: CLASSES.length, activation: 'softmax' })] });
head.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const t0 = performance.now();
const h = await head.fit(xs, ys, { epochs: 50, batchSize: 16, shuffle: true });
console.log(`The head (${head.countParams()} weights) trained 50 epochs in ${((performance.now() - t0) / 1000).toFixed(1)} s; training accuracy ${(h.history.acc!.at(-1) as number).toFixed(2)}${trained ? '' : ' (on untrained VGG16 features)'}.`);

// Now show it something: each new photo goes through the base and the head.
const guesses: { photo: number; guess: string; probability: string }[] = [];
for (let g = 1; g <= GUESSES; g++) {
  const pixels = await input.photo({ prompt: `Show one of ${CLASSES.join(' / ')}: guess ${g} of ${GUESSES}` });
  const probs = tf.tidy(() => head.predict(featuresOf(pixels)) as tf.Tensor);
  const p = Array.from(await probs.data());
  probs.dispose();
  const best = p.indexOf(Math.max(...p));
  barChart({ title: `Guess ${g}: ${CLASSES[best]} (${(100 * p[best]!).toFixed(0)}%)`, categories: CLASSES, values: p });
  guesses.push({ photo: g, guess: CLASSES[best]!, probability: p[best]!.toFixed(2) });
}
table(guesses, { caption: 'What the head said' });
tf.dispose([...features, ...thumbs, xs, ys]);
head.optimizer.dispose();
head.dispose();
base.dispose();
