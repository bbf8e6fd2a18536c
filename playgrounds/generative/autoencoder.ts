// An autoencoder learns to copy its input through a narrow middle: 784 pixels in, a
// handful of numbers (the code) in the bottleneck, 784 pixels out. It is one model,
// which we then cut in two: the encoder (image -> code) and the decoder (code -> image).
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, imageGrid, keep, param, table } from 'course';

const BOTTLENECK = param('bottleneck', 32, { label: 'numbers in the bottleneck', choices: [2, 8, 32] });
const EPOCHS = param('epochs', 5, { min: 1, max: 30 });

const mnist = await data.mnist({ set: 'bundled' });
// Flat vectors of 784 pixels in 0..1: the input and also the target.
const train = mnist.train.xs.reshape([-1, 784]);
const validation = mnist.validation.xs.reshape([-1, 784]);

const autoencoder = tf.sequential({
  name: 'autoencoder',
  layers: [
    tf.layers.dense({ inputShape: [784], units: 256, activation: 'relu' }),
    tf.layers.dense({ units: BOTTLENECK, name: 'code' }), // no activation: the code can be any number
    tf.layers.dense({ units: 256, activation: 'relu' }),
    tf.layers.dense({ units: 784, activation: 'sigmoid' }), // pixels back in 0..1
  ],
});
// The loss compares the output with the input itself: no labels anywhere.
autoencoder.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
await autoencoder.fit(train, train, {
  epochs: EPOCHS,
  batchSize: 64,
  shuffle: true,
  validationData: [validation, validation],
  callbacks: fitCallbacks({ title: `Autoencoder, bottleneck ${BOTTLENECK}`, compareRuns: true }),
});
autoencoder.optimizer.dispose(); // Adam's running averages are not needed after training

// Cut the trained model in two. Both halves share the trained layers (no copy).
const encoder = tf.model({ inputs: autoencoder.inputs, outputs: autoencoder.getLayer('code').output as tf.SymbolicTensor, name: 'encoder' });
const codeInput = tf.input({ shape: [BOTTLENECK] });
const decoded = autoencoder.layers.slice(2).reduce((x, layer) => layer.apply(x) as tf.SymbolicTensor, codeInput);
const decoder = tf.model({ inputs: codeInput, outputs: decoded, name: 'decoder' });

// How good is "good"? The laziest guess that knows the data: the average training digit.
const [aeError, meanError] = tf.tidy(() => {
  const restored = decoder.predict(encoder.predict(validation) as tf.Tensor) as tf.Tensor;
  const meanImage = train.mean(0, true);
  return [tf.losses.meanSquaredError(validation, restored), tf.losses.meanSquaredError(validation, meanImage.tile([validation.shape[0]!, 1]))];
});
const [ae, baseline] = [(await aeError.data())[0]!, (await meanError.data())[0]!];
table(
  [{
    bottleneck: BOTTLENECK,
    'compression (784 pixels / code size)': `${(784 / BOTTLENECK).toFixed(1)}x`,
    'validation error (MSE per pixel)': Number(ae.toFixed(4)),
    'error of the mean digit': Number(baseline.toFixed(4)),
    'times better than the mean': Number((baseline / ae).toFixed(1)),
  }],
  { caption: `Reconstruction of the 2,000 validation digits after ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'}` },
);

// Originals on top, what came back through the bottleneck below.
const originals = mnist.validation.xs.slice(0, 10);
const restored = tf.tidy(() => (decoder.predict(encoder.predict(originals.reshape([-1, 784])) as tf.Tensor) as tf.Tensor).reshape([-1, 28, 28, 1]));
const pairs = tf.concat([originals, restored]) as tf.Tensor4D;
imageGrid(pairs, {
  columns: 10,
  scale: 2,
  labels: [...Array(10).fill('original'), ...Array(10).fill('restored')],
  caption: `Validation digits and their reconstructions from ${BOTTLENECK} numbers each`,
});

tf.dispose([train, validation, aeError, meanError, originals, restored, pairs]);
mnist.dispose();
// The two halves are what the next playgrounds use; persisted, they survive a reload.
await keep('ae-encoder', encoder, { persist: true });
await keep('ae-decoder', decoder, { persist: true });
