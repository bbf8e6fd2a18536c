// v0: chapter 3's network, unchanged but for its 24 outputs, on hand signs. It has no idea
// that neighbouring pixels belong together: every pixel is just one of 784 inputs.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, param, table } from 'course';

const EPOCHS = param('epochs', 5, { min: 1, max: 30 });
// The full training set has 27,455 images; fewer train faster (the validation images
// shrink in proportion, from 7,172).
const TRAINING_IMAGES = param('trainingImages', 10000, { label: 'training images', min: 100, max: 27455, step: 100 });
const BATCH_SIZE = param('batchSize', 32, { label: 'batch size', min: 1, max: 512 });

const asl = await data.asl({ limit: TRAINING_IMAGES });
const { train, validation } = asl;

const model = tf.sequential({
  layers: [
    tf.layers.flatten({ inputShape: [28, 28, 1] }),
    tf.layers.dense({ units: 512, activation: 'relu' }),
    tf.layers.dense({ units: 512, activation: 'relu' }),
    tf.layers.dense({ units: 24, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
console.log(`${model.countParams().toLocaleString('en-US')} weights, as in chapter 3 but for 24 outputs instead of 10.`);

const started = performance.now();
await model.fit(train.xs, train.ys, {
  epochs: EPOCHS,
  batchSize: BATCH_SIZE,
  shuffle: true,
  validationData: [validation.xs, validation.ys],
  callbacks: fitCallbacks({ title: 'v0: the MLP', metrics: ['acc', 'val_acc'], compareRuns: true }),
});
// The fit alone, with its validation after every epoch: what one epoch costs.
const secondsPerEpoch = (performance.now() - started) / 1000 / EPOCHS;

async function accuracyOn(set: data.LabelledImages): Promise<number> {
  const [loss, accuracy] = model.evaluate(set.xs, set.ys, { batchSize: 256 }) as tf.Scalar[];
  const value = (await accuracy!.data())[0]!;
  tf.dispose([loss!, accuracy!]);
  return value;
}
const trainAcc = await accuracyOn(train);
const valAcc = await accuracyOn(validation);
table(
  { set: ['training', 'validation', 'gap'], images: [train.labels.length, validation.labels.length, ''], accuracy: [trainAcc, valAcc, trainAcc - valAcc] },
  { caption: `v0 after ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'}: ${secondsPerEpoch.toFixed(1)} s per epoch on ${tf.getBackend()}` },
);
console.log(`Right on ${(trainAcc * 100).toFixed(1)}% of the signs it trained on, ${(valAcc * 100).toFixed(1)}% of the validation signs.`);

model.dispose();
asl.dispose();
