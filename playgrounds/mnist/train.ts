// The course's reference network for MNIST: two hidden layers of 512 ReLU neurons,
// trained on 8,000 real digits and checked on 2,000 it never sees while learning.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, keep, param, table } from 'course';

const EPOCHS = param('epochs', 5, { min: 1, max: 20 });
// Fewer digits train faster but worse; the bundled training set has 8,000, the full one 60,000.
const TRAINING_DIGITS = param('trainingDigits', 8000, { label: 'training digits', min: 100 });
// 'bundled': the 10,000 digits every copy of the site carries, split 8,000 / 2,000.
// 'full': the whole MNIST (a 55 MB download), whose 10,000 official test digits then take
// the place of the 2,000 validation digits: other digits, so the accuracies differ in
// what they measure as well as in how much the model learned.
const SET = param('set', 'bundled', { label: 'digits', choices: ['bundled', 'full'] }) as 'bundled' | 'full';
const BATCH_SIZE = 32;

const mnist = await data.mnist({ set: SET });
const trainXs = mnist.train.xs.slice(0, TRAINING_DIGITS);
const trainYs = mnist.train.ys.slice(0, TRAINING_DIGITS);
const { validation } = mnist;
const heldOut = SET === 'full' ? 'test' : 'validation';

const model = tf.sequential({
  layers: [
    tf.layers.flatten({ inputShape: [28, 28, 1] }), // 28x28x1 -> 784 numbers
    tf.layers.dense({ units: 512, activation: 'relu' }),
    tf.layers.dense({ units: 512, activation: 'relu' }),
    // One output per digit; softmax turns the ten scores into probabilities summing to 1.
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
table(
  model.layers.map((layer) => ({ layer: layer.getClassName(), 'output shape': JSON.stringify(layer.outputShape), weights: layer.countParams() })),
  { caption: `${model.countParams().toLocaleString('en-US')} weights to learn` },
);

// Categorical cross-entropy punishes a confident wrong answer hard; Adam with its
// default learning rate (0.001) adapts the step size of every weight.
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

const started = performance.now();
await model.fit(trainXs, trainYs, {
  epochs: EPOCHS,
  batchSize: BATCH_SIZE,
  shuffle: true,
  // Measured after every epoch on digits the model does not learn from.
  validationData: [validation.xs, validation.ys],
  callbacks: fitCallbacks({ title: 'Reference MLP' }),
});
const seconds = (performance.now() - started) / 1000;
const samples = EPOCHS * trainXs.shape[0];
console.log(`${samples.toLocaleString('en-US')} training samples in ${seconds.toFixed(1)} s (validation included): ${Math.round(samples / seconds)} samples/s on ${tf.getBackend()}.`);

// evaluate returns [loss, accuracy] as tensors; data() reads them without blocking the GPU.
async function evaluate(xs: tf.Tensor, ys: tf.Tensor): Promise<number[]> {
  const results = model.evaluate(xs, ys, { batchSize: 256 }) as tf.Scalar[];
  const values = await Promise.all(results.map(async (t) => (await t.data())[0]!));
  tf.dispose(results);
  return values;
}
const [trainLoss, trainAcc] = await evaluate(trainXs, trainYs);
const [valLoss, valAcc] = await evaluate(validation.xs, validation.ys);
table(
  {
    set: ['training', heldOut],
    digits: [trainXs.shape[0], validation.xs.shape[0]],
    loss: [trainLoss, valLoss],
    accuracy: [trainAcc, valAcc],
  },
  { caption: `After ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'}` },
);

// Later playgrounds use the trained model without training it again, also after a
// reload: `persist` stores it in this browser.
await keep('mnist-model', model, { persist: true });
tf.dispose([trainXs, trainYs]);
mnist.dispose();
