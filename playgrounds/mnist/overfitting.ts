// Overfitting on purpose: a big network and only a few hundred training digits.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, lineChart, param, table } from 'course';

// 500 digits for 670,000 weights: enough freedom to memorise every one of them.
const TRAINING_DIGITS = param('trainingDigits', 500, { label: 'training digits', min: 100, max: 8000, step: 100 });
const EPOCHS = param('epochs', 20, { min: 1, max: 50 });
// Early stopping: end training once the validation loss has not improved for PATIENCE epochs.
const STOP_EARLY = param('stopEarly', false, { label: 'stop early' });
const PATIENCE = param('patience', 3, { min: 1, max: 10 });
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
const callbacks: tf.Callback[] = [fitCallbacks({ title: 'Overfitting', metrics: ['acc', 'val_acc'] })];
if (STOP_EARLY) callbacks.push(tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: PATIENCE }));
const history = await model.fit(trainXs, trainYs, {
  epochs: EPOCHS,
  batchSize: BATCH_SIZE,
  shuffle: true,
  validationData: [validation.xs, validation.ys],
  callbacks,
});

// The loss tells more than the accuracy: validation loss falls, reaches its lowest point
// and then rises again, as the model grows ever more sure of its memorised answers.
const trainLoss = history.history['loss'] as number[];
const valLoss = history.history['val_loss'] as number[];
lineChart({ title: 'Loss per epoch', series: ['training loss', 'validation loss'], xLabel: 'epoch', yLabel: 'loss' })
  .set([trainLoss.map((v, e) => [e + 1, v]), valLoss.map((v, e) => [e + 1, v])]);
const epochsRun = valLoss.length;
const best = valLoss.indexOf(Math.min(...valLoss));
console.log(`Validation loss was lowest after epoch ${best + 1} (${valLoss[best]!.toFixed(3)}); after epoch ${epochsRun} it was ${valLoss.at(-1)!.toFixed(3)}.`);
if (epochsRun < EPOCHS) {
  console.log(`Early stopping ended training after epoch ${epochsRun} of ${EPOCHS}: the validation loss had not improved for ${PATIENCE} epochs. The model keeps the weights of epoch ${epochsRun}, not of the best epoch (TF.js's earlyStopping cannot restore them).`);
}

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
  { caption: `After ${epochsRun} epoch${epochsRun === 1 ? '' : 's'} on ${TRAINING_DIGITS} digits` },
);
console.log(`The model is right on ${(trainAcc * 100).toFixed(1)}% of the digits it studied but only ${(valAcc * 100).toFixed(1)}% of new ones.`);

model.dispose();
tf.dispose([trainXs, trainYs]);
mnist.dispose();
