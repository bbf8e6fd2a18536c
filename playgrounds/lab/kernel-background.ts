// Trains for a fixed time and logs its batch count with the clock, so a test can tell
// how far training got while the tab was hidden (the page may draw nothing meanwhile).
import * as tf from '@tensorflow/tfjs';
import { fitCallbacks, param } from 'course';

const SECONDS = param('seconds', 10);

const xs = tf.randomUniform([256, 4], -1, 1, 'float32', 3);
const ys = tf.tidy(() => xs.sum(1, true).sin());
const model = tf.sequential({
  layers: [tf.layers.dense({ units: 32, activation: 'relu', inputShape: [4] }), tf.layers.dense({ units: 1 })],
});
const optimizer = tf.train.adam(0.01);
model.compile({ optimizer, loss: 'meanSquaredError' });

const started = Date.now();
let batches = 0;
let logged = 0;
class BatchClock extends tf.Callback {
  override async onBatchEnd(): Promise<void> {
    batches++;
    const now = Date.now();
    if (now - logged >= 250) {
      console.log(`batches ${batches} at ${now}`);
      logged = now;
    }
    if (now - started >= SECONDS * 1000) model.stopTraining = true;
  }
}
await model.fit(xs, ys, { epochs: 1_000_000, batchSize: 32, callbacks: [new BatchClock(), fitCallbacks({ title: 'Training in the background' })] });
console.log(`batches ${batches} at ${Date.now()} (done)`);
tf.dispose([xs, ys]);
model.dispose();
optimizer.dispose();
