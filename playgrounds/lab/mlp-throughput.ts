// A fixed small MLP trained for a fixed number of batches: the benchmark's workload.
// The same file runs through the runner and directly on a bench page, to measure overhead.
import * as tf from '@tensorflow/tfjs';
import { log, param } from 'course';

const BATCHES = param('batches', 60);
const BATCH_SIZE = 64;

const xs = tf.randomUniform([BATCH_SIZE, 64], 0, 1, 'float32', 1);
const ys = tf.oneHot(tf.randomUniform([BATCH_SIZE], 0, 10, 'int32', 2), 10);
const model = tf.sequential({
  layers: [
    tf.layers.dense({ units: 128, activation: 'relu', inputShape: [64] }),
    tf.layers.dense({ units: 64, activation: 'relu' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
await model.trainOnBatch(xs, ys); // warm-up: shader compilation and first allocations
const start = performance.now();
for (let i = 0; i < BATCHES; i++) await model.trainOnBatch(xs, ys);
const seconds = (performance.now() - start) / 1000;
log(`${BATCHES} batches: throughput ${((BATCHES * BATCH_SIZE) / seconds).toFixed(1)} samples/s on ${tf.getBackend()}`);
tf.dispose([xs, ys]);
model.dispose();
