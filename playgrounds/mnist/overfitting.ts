// Overfitting on purpose: a big network and only a few hundred training digits.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, param, table } from 'course';

// 500 digits for 670,000 weights: enough freedom to memorise every one of them.
const TRAINING_DIGITS = param('trainingDigits', 500);
const EPOCHS = param('epochs', 20);
const BATCH_SIZE = 32;

const mnist = await data.mnist({ set: 'bundled' });
const trainXs = mnist.train.xs.slice(0, TRAINING_DIGITS);
const trainYs = mnist.train.ys.slice(0, TRAINING_DIGITS);
const { validation } = mnist;

const model = tf.sequential({
  layers: [
    tf.layers.flatten({ inputShape: [28, 28, 1] }),
    tf.layers.dense({ units: 512, activation: 'relu' }),
    tf.layers.dense({ units: 512, activation: 'relu' }),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

// Watch the two accuracy curves: training keeps climbing towards 100% while validation
// levels off well below it. The space between them is overfitting.
await model.fit(trainXs, trainYs, {
  epochs: EPOCHS,
  batchSize: BATCH_SIZE,
  shuffle: true,
  validationData: [validation.xs, validation.ys],
  callbacks: fitCallbacks({ title: 'Overfitting', metrics: ['acc', 'val_acc'] }),
});

async function accuracyOn(xs: tf.Tensor, ys: tf.Tensor): Promise<number> {
  const [loss, accuracy] = model.evaluate(xs, ys, { batchSize: 256 }) as tf.Scalar[];
  const value = (await accuracy!.data())[0]!;
  tf.dispose([loss!, accuracy!]);
  return value;
}
const trainAcc = await accuracyOn(trainXs, trainYs);
const valAcc = await accuracyOn(validation.xs, validation.ys);
table(
  {
    set: ['training', 'validation', 'gap'],
    digits: [TRAINING_DIGITS, validation.xs.shape[0], ''],
    accuracy: [trainAcc, valAcc, trainAcc - valAcc],
  },
  { caption: `After ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'} on ${TRAINING_DIGITS} digits` },
);
console.log(`The model is right on ${(trainAcc * 100).toFixed(1)}% of the digits it studied but only ${(valAcc * 100).toFixed(1)}% of new ones.`);

model.dispose();
tf.dispose([trainXs, trainYs]);
mnist.dispose();
