// Batch normalization: during training it rescales each channel of a layer's output to
// mean 0 and standard deviation 1 over the batch, then lets the network learn the scale
// and shift it really wants. First what it does to real activations, then what it
// changes in training.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, lineChart, param, table } from 'course';

const EPOCHS = param('epochs', 3, { min: 1, max: 10 });
const TRAINING_IMAGES = param('trainingImages', 2000, { label: 'training images', min: 100, max: 27455, step: 100 });
const CHANNELS_SHOWN = 6;

const asl = await data.asl({ limit: TRAINING_IMAGES });
const { train, validation } = asl;

// 1. The outputs of a convolutional layer (random weights, no activation: in v1 batch
// normalization comes before ReLU) on a batch of 64 real signs.
const conv = tf.layers.conv2d({ filters: 16, kernelSize: 3, padding: 'same' });
// epsilon, added to the variance before dividing, as in v1 (PyTorch's default).
const norm = tf.layers.batchNormalization({ epsilon: 1e-5 });
const batch = train.xs.slice(0, Math.min(64, train.labels.length));
const before = conv.apply(batch) as tf.Tensor4D;
const after = norm.apply(before, { training: true }) as tf.Tensor4D;
// Per channel: mean and standard deviation over the batch and every position.
async function perChannel(t: tf.Tensor4D): Promise<{ mean: number[]; std: number[] }> {
  const { mean, variance } = tf.moments(t, [0, 1, 2]);
  const [m, v] = await Promise.all([mean.data(), variance.data()]);
  tf.dispose([mean, variance]);
  return { mean: Array.from(m), std: Array.from(v, Math.sqrt) };
}
const b = await perChannel(before);
const a = await perChannel(after);
table(
  Array.from({ length: CHANNELS_SHOWN }, (_, c) => ({
    channel: c + 1,
    'mean before': b.mean[c]!.toFixed(4),
    'std before': b.std[c]!.toFixed(4),
    'mean after': a.mean[c]!.toFixed(4),
    'std after': a.std[c]!.toFixed(4),
  })),
  { caption: `The first ${CHANNELS_SHOWN} of 16 channels, over a batch of ${batch.shape[0]} signs: before and after batch normalization (training mode)` },
);
tf.dispose([batch, before, after]);

// 2. The same small CNN trained twice on the same images, with and without batch normalization.
function smallCnn(batchNorm: boolean): tf.Sequential {
  const bn = () => (batchNorm ? [tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 })] : []);
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 3, padding: 'same' }),
      ...bn(),
      tf.layers.reLU(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same' }),
      ...bn(),
      tf.layers.reLU(),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 24, activation: 'softmax' }),
    ],
  });
}
const chart = lineChart({ title: 'Validation accuracy, with and without batch normalization', series: ['with batch norm', 'without'], xLabel: 'epoch', yLabel: 'accuracy' });
const final: number[] = [];
for (const [series, batchNorm] of [['with batch norm', true], ['without', false]] as const) {
  const model = smallCnn(batchNorm);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const plot = new tf.CustomCallback({ onEpochEnd: async (epoch, logs) => chart.push(series, epoch + 1, logs!['val_acc']!) });
  const history = await model.fit(train.xs, train.ys, {
    epochs: EPOCHS,
    batchSize: 32,
    shuffle: true,
    validationData: [validation.xs, validation.ys],
    callbacks: [fitCallbacks({ title: `Small CNN ${series}`, metrics: ['loss', 'acc'] }), plot],
  });
  final.push((history.history['val_acc'] as number[]).at(-1)!);
  model.dispose();
}
table({ model: ['with batch norm', 'without'], 'validation accuracy': final }, { caption: `After ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'} on ${train.labels.length.toLocaleString('en-US')} images` });

conv.dispose();
norm.dispose();
asl.dispose();
