// v1: a convolutional network for the signs, the course's architecture: three blocks of
// convolution, batch normalization, ReLU and max pooling, then a dense layer.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, param, table } from 'course';

const EPOCHS = param('epochs', 2, { min: 1, max: 20 });
const TRAINING_IMAGES = param('trainingImages', 5000, { label: 'training images', min: 100, max: 27455, step: 100 });
// Untick to train the same network without its three batch normalization layers.
const BATCH_NORM = param('batchNorm', true, { label: 'batch normalization' });
const BATCH_SIZE = param('batchSize', 32, { label: 'batch size', min: 1, max: 512 });

const asl = await data.asl({ limit: TRAINING_IMAGES });
const { train, validation } = asl;

// PyTorch's defaults, which the author's code uses: epsilon 1e-5, and each batch moves
// the running averages that predict() uses 10% of the way (PyTorch's momentum 0.1 is
// TF.js's momentum 0.9; TF.js's default, 0.99, moves them 1% and needs hundreds of steps).
const batchNorm = () => tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
// One block: 3x3 filters with "same" padding (the output keeps the input's size), then
// batch normalization, ReLU, optionally dropout, and a 2x2 max pooling that halves the size.
function block(filters: number, dropout: number, first = false): tf.layers.Layer[] {
  return [
    tf.layers.conv2d({ ...(first && { inputShape: [28, 28, 1] }), filters, kernelSize: 3, padding: 'same' }),
    ...(BATCH_NORM ? [batchNorm()] : []),
    tf.layers.reLU(),
    ...(dropout > 0 ? [tf.layers.dropout({ rate: dropout })] : []),
    tf.layers.maxPooling2d({ poolSize: 2 }),
  ];
}
const model = tf.sequential({
  layers: [
    ...block(25, 0, true), // 28x28x25 -> 14x14x25
    ...block(50, 0.2), // 14x14x50 -> 7x7x50
    ...block(75, 0), // 7x7x75 -> 3x3x75 (pooling drops the odd last row and column)
    tf.layers.flatten(), // 675 numbers
    tf.layers.dense({ units: 512, activation: 'relu' }),
    tf.layers.dropout({ rate: 0.3 }),
    tf.layers.dense({ units: 24, activation: 'softmax' }),
  ],
});

// Like Keras' model.summary(): every layer's output shape and weight count. Batch
// normalization has 4 numbers per channel; only 2 of them are learned by gradient descent.
const trainable = model.trainableWeights.reduce((n, w) => n + w.read().size, 0);
table(
  model.layers.map((layer) => ({ layer: layer.getClassName(), 'output shape': JSON.stringify(layer.outputShape).replaceAll('null,', ''), weights: layer.countParams() })),
  { caption: `${model.countParams().toLocaleString('en-US')} weights, ${trainable.toLocaleString('en-US')} of them trainable` },
);

model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const started = performance.now();
await model.fit(train.xs, train.ys, {
  epochs: EPOCHS,
  batchSize: BATCH_SIZE,
  shuffle: true,
  validationData: [validation.xs, validation.ys],
  callbacks: fitCallbacks({ title: 'v1: the CNN', metrics: ['acc', 'val_acc'], compareRuns: true }),
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
  { set: ['training', 'validation'], images: [train.labels.length, validation.labels.length], accuracy: [trainAcc, valAcc] },
  { caption: `v1${BATCH_NORM ? '' : ' without batch normalization'} after ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'}: ${secondsPerEpoch.toFixed(1)} s per epoch on ${tf.getBackend()}` },
);

model.dispose();
asl.dispose();
