// Store small, restore with the decoder: keep only the codes of 2,000 digits, and
// rebuild the pictures from them when they are needed.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, recall, table } from 'course';

const encoder = await recall<tf.LayersModel>('ae-encoder', { from: 'Train the autoencoder' });
const decoder = await recall<tf.LayersModel>('ae-decoder', { from: 'Train the autoencoder' });

const mnist = await data.mnist({ set: 'bundled' });
const digits = mnist.validation.xs.reshape([-1, 784]); // the 2,000 validation digits

// What we would store: one float32 code per digit.
const codes = encoder.predict(digits) as tf.Tensor2D;
const stored = new Float32Array(await codes.data());
const [count, codeSize] = codes.shape;

// Later, from the stored numbers alone: the decoder rebuilds every digit.
const restored = tf.tidy(() => decoder.predict(tf.tensor2d(stored, [count, codeSize])) as tf.Tensor2D);
const error = tf.tidy(() => tf.losses.meanSquaredError(digits, restored));

const rawBytes = count * 784; // one byte per grey pixel, as MNIST stores them
const decoderBytes = decoder.countParams() * 4;
table(
  [
    { what: `${count.toLocaleString('en-US')} digits as pixels (1 byte each)`, bytes: rawBytes },
    { what: `${count.toLocaleString('en-US')} codes of ${codeSize} float32 numbers`, bytes: stored.byteLength },
    { what: 'the decoder itself (float32 weights), stored once', bytes: decoderBytes },
  ],
  { caption: `Codes are ${(rawBytes / stored.byteLength).toFixed(1)}x smaller than the pixels; with the decoder counted, storing codes pays off from ${Math.ceil(decoderBytes / (784 - codeSize * 4)).toLocaleString('en-US')} digits on` },
);
console.log(`Restored from the codes: mean squared error ${(await error.data())[0]!.toFixed(4)} per pixel.`);

const shown = tf.tidy(() => tf.concat([digits.slice(0, 16), restored.slice(0, 16)]).reshape([-1, 28, 28, 1]) as tf.Tensor4D);
imageGrid(shown, { columns: 16, scale: 2, caption: 'Top: the stored digits as they were. Bottom: rebuilt from their codes' });
tf.dispose([digits, codes, restored, error, shown]);
mnist.dispose();
