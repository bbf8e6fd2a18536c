/**
 * The real 10,000 bundled digits through course.data.mnist(), as a playground
 * would load them: a small MLP trained for one epoch must clear 85% on the 2,000
 * held-out digits. Catches a broken packing (scrambled pixels or labels), a wrong
 * split or wrong scaling, all of which leave training at chance level.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setHost } from '../../src/course/host.ts';
import * as course from '../../src/course/index.ts';
import { createNodeHost } from '../../src/course/hosts/node.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const EPOCHS = 1;

// public/data/ comes from `npm run data`, which tests/setup-data.ts runs before the tests.
beforeAll(async () => {
  await tf.setBackend('wasm');
});
afterAll(() => setHost(undefined));

it('trains an MLP on the bundled MNIST to > 85% validation accuracy in one epoch', async () => {
  const host = createNodeHost({ assetDir: `${root}public` });
  setHost(host);
  // Pinned to the bundled set, so the test means the same where `npm run assets` fetched the full one.
  const data = await course.data.mnist({ set: 'bundled' });
  expect(data.source).toBe('bundled 10,000');
  expect(data.train.xs.shape).toEqual([8000, 28, 28, 1]);
  expect(data.validation.xs.shape).toEqual([2000, 28, 28, 1]);
  const [min, max] = [data.train.xs.min().dataSync()[0], data.train.xs.max().dataSync()[0]];
  expect([min, max]).toEqual([0, 1]);
  // The bundled set has roughly 1,000 of each digit; a split that took them in file order would not.
  const counts = new Array(10).fill(0);
  for (const l of data.validation.labels) counts[l]++;
  expect(Math.min(...counts)).toBeGreaterThan(120);

  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [28, 28, 1] }),
      tf.layers.dense({ units: 128, activation: 'relu' }),
      tf.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.002), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.train.xs, data.train.ys, { epochs: EPOCHS, batchSize: 32, shuffle: true, verbose: 0 });
  const [, acc] = model.evaluate(data.validation.xs, data.validation.ys) as tf.Scalar[];
  const accuracy = acc!.dataSync()[0]!;
  console.log(`validation accuracy after ${EPOCHS} epoch: ${(accuracy * 100).toFixed(1)}%`);
  expect(accuracy).toBeGreaterThan(0.85);

  expect(host.outputs.some((o) => o.kind === 'progress' && o.unit === 'bytes' && o.value === o.total)).toBe(true);
  data.dispose();
  model.dispose();
});
