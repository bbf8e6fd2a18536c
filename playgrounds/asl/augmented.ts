// v2: the v1 network trained on augmented images. Every batch is drawn from the training
// set, shuffled, and every image in it gets its own random transform, so the network
// never sees exactly the same picture twice. Nothing augmented is stored: a batch is made
// when training asks for it and freed after its step.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, images, keep, param, table } from 'course';

const EPOCHS = param('epochs', 2, { min: 1, max: 20 });
const TRAINING_IMAGES = param('trainingImages', 5000, { label: 'training images', min: 100, max: 27455, step: 100 });
const AUGMENT = param('augment', true, { label: 'augmentation' });
const BATCH_NORM = param('batchNorm', true, { label: 'batch normalization' });
// 'mlp' is v0, the network without convolutions, for the comparison at the end of the chapter.
const NETWORK = param('network', 'cnn', { choices: ['cnn', 'mlp'] });
const SEED = param('seed', 1, { min: 0 });
const BATCH_SIZE = param('batchSize', 32, { label: 'batch size', min: 1, max: 512 });

const asl = await data.asl({ limit: TRAINING_IMAGES });
const { train, validation } = asl;

// The transforms that keep a hand sign a hand sign (see the text): no vertical flip.
const augmenter = images.augmenter({ flipHorizontal: true, rotation: 10, zoom: 0.1, shiftX: 0.1, shiftY: 0.1, brightness: 0.2, contrast: 0.5, seed: SEED });

// A tf.data pipeline of image numbers: shuffled with a seed (a new order every epoch),
// cut into batches, and each batch gathered from the training tensors and augmented.
// map() runs inside tf.tidy, so the un-augmented copy is freed at once.
const count = train.labels.length;
const batches = tf.data
  .array(Array.from({ length: count }, (_, i) => i))
  .shuffle(count, String(SEED))
  .batch(BATCH_SIZE)
  .map((numbers) => {
    const idx = (numbers as tf.Tensor1D).toInt();
    const xs = tf.gather(train.xs, idx) as tf.Tensor4D;
    return { xs: AUGMENT ? augmenter.augment(xs) : xs, ys: tf.gather(train.ys, idx) };
  });

// PyTorch's defaults, which the author's code uses: epsilon 1e-5, and each batch moves
// the running averages that predict() uses 10% of the way (PyTorch's momentum 0.1 is
// TF.js's momentum 0.9; TF.js's default, 0.99, moves them 1% and needs hundreds of steps).
const batchNorm = () => tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 });
function block(filters: number, dropout: number, first = false): tf.layers.Layer[] {
  return [
    tf.layers.conv2d({ ...(first && { inputShape: [28, 28, 1] }), filters, kernelSize: 3, padding: 'same' }),
    ...(BATCH_NORM ? [batchNorm()] : []),
    tf.layers.reLU(),
    ...(dropout > 0 ? [tf.layers.dropout({ rate: dropout })] : []),
    tf.layers.maxPooling2d({ poolSize: 2 }),
  ];
}
const cnn = () => [
  ...block(25, 0, true),
  ...block(50, 0.2),
  ...block(75, 0),
  tf.layers.flatten(),
  tf.layers.dense({ units: 512, activation: 'relu' }),
  tf.layers.dropout({ rate: 0.3 }),
  tf.layers.dense({ units: 24, activation: 'softmax' }),
];
const mlp = () => [
  tf.layers.flatten({ inputShape: [28, 28, 1] }),
  tf.layers.dense({ units: 512, activation: 'relu' }),
  tf.layers.dense({ units: 512, activation: 'relu' }),
  tf.layers.dense({ units: 24, activation: 'softmax' }),
];
const model = tf.sequential({ layers: NETWORK === 'cnn' ? cnn() : mlp() });
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });

const started = performance.now();
await model.fitDataset(batches, {
  epochs: EPOCHS,
  validationData: [validation.xs, validation.ys],
  callbacks: fitCallbacks({ title: 'Compare runs', metrics: ['acc', 'val_acc'], epochs: EPOCHS, batchesPerEpoch: Math.ceil(count / BATCH_SIZE), compareRuns: true }),
});
// The fit alone, with its validation after every epoch: what one epoch costs.
const secondsPerEpoch = (performance.now() - started) / 1000 / EPOCHS;

async function accuracyOn(set: data.LabelledImages): Promise<number> {
  const [loss, accuracy] = model.evaluate(set.xs, set.ys, { batchSize: 256 }) as tf.Scalar[];
  const value = (await accuracy!.data())[0]!;
  tf.dispose([loss!, accuracy!]);
  return value;
}
const name = NETWORK === 'mlp' ? 'v0 (MLP)' : `${AUGMENT ? 'v2' : 'v1'}${BATCH_NORM ? '' : ' without batch normalization'}`;
table(
  { set: ['training (not augmented)', 'validation'], images: [count, validation.labels.length], accuracy: [await accuracyOn(train), await accuracyOn(validation)] },
  { caption: `${name}${NETWORK === 'mlp' && AUGMENT ? ' with augmentation' : ''} after ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'}: ${secondsPerEpoch.toFixed(1)} s per epoch on ${tf.getBackend()}` },
);

// The prediction playground uses this model, also after a reload.
await keep('asl-model', model, { persist: true });
asl.dispose();
