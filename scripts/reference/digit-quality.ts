/**
 * How digit-like generated images are, measured the way chapter 8 quotes it: a small CNN
 * (chapter 4's, a little wider) trained on the 8,000 bundled training digits reads each
 * image; we count the share it reads with confidence >= 0.9 and how many of the 10
 * digits appear among those readings. Used by tests/playgrounds/chapter8-diffusion.test.ts
 * and scripts/reference/generative-quality.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { runPlaygroundSource } from '../../tests/playgrounds/harness.ts';
import type { Output } from '../../src/runner/protocol.ts';

export interface Quality {
  images: number;
  /** Share of images whose top class has probability >= 0.9. */
  confident: number;
  /** Distinct digits among the confident readings. */
  digitsPresent: number;
  /** With the digits the images were asked to show: the share read confidently as that digit. */
  asAsked?: number;
}

/** The figures for a batch of class probabilities `[n, 10]`, and the digits asked for if any. */
export function qualityOf(probabilities: number[][], asked?: number[]): Quality {
  const readings = probabilities.map((p) => ({ digit: p.indexOf(Math.max(...p)), confident: Math.max(...p) >= 0.9 }));
  const confidentClasses = readings.flatMap((r) => (r.confident ? [r.digit] : []));
  const quality: Quality = { images: probabilities.length, confident: confidentClasses.length / probabilities.length, digitsPresent: new Set(confidentClasses).size };
  if (asked) {
    if (asked.length !== readings.length) throw new Error(`${asked.length} digits asked for, ${readings.length} images`);
    quality.asAsked = readings.filter((r, i) => r.confident && r.digit === asked[i]).length / readings.length;
  }
  return quality;
}

/** Trains the scoring CNN on the bundled training digits (5 epochs). */
export async function trainDigitClassifier(): Promise<{ model: tf.LayersModel; validationAccuracy: number; validationQuality: Quality }> {
  const kept = new Map<string, unknown>();
  const run = await runPlaygroundSource(
    `import * as tf from '@tensorflow/tfjs';
     import { data, keep } from 'course';
     const mnist = await data.mnist({ set: 'bundled' });
     const model = tf.sequential({ layers: [
       tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, activation: 'relu' }),
       tf.layers.maxPooling2d({ poolSize: 2 }),
       tf.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }),
       tf.layers.maxPooling2d({ poolSize: 2 }),
       tf.layers.flatten(),
       tf.layers.dense({ units: 10, activation: 'softmax' }),
     ] });
     model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
     await model.fit(mnist.train.xs, mnist.train.ys, { epochs: 5, batchSize: 32, shuffle: true });
     const [, acc] = model.evaluate(mnist.validation.xs, mnist.validation.ys) as tf.Scalar[];
     await keep('accuracy', (await acc.data())[0]);
     await keep('classifier', model);
     await keep('validation', mnist.validation.xs.slice(0, 100));
     mnist.dispose();`,
    { kept },
  );
  if (run.error) throw new Error(`training the digit classifier failed: ${run.error.message}`);
  const model = kept.get('classifier') as tf.LayersModel;
  const validation = kept.get('validation') as tf.Tensor4D;
  const validationQuality = await scoreImages(model, validation);
  validation.dispose();
  return { model, validationAccuracy: kept.get('accuracy') as number, validationQuality };
}

export async function scoreImages(model: tf.LayersModel, images: tf.Tensor4D, asked?: number[]): Promise<Quality> {
  const p = model.predict(images) as tf.Tensor2D;
  const rows = (await p.array()) as number[][];
  p.dispose();
  return qualityOf(rows, asked);
}

/** The 28x28 grey images (0..1) of an image grid output, as one batch. */
export function gridImages(output: Output): tf.Tensor4D {
  if (output.kind !== 'images') throw new Error(`expected an image grid, got a ${output.kind} output`);
  const pixels = output.items.flatMap((item) => {
    if (item.width !== 28 || item.height !== 28) throw new Error(`expected 28x28 images, got ${item.width}x${item.height}`);
    return Array.from({ length: 784 }, (_, p) => item.data[p * 4]! / 255);
  });
  return tf.tensor4d(pixels, [output.items.length, 28, 28, 1]);
}
