// A small convolutional network learns its own kernels. After training, we look at
// the 3x3 filters of its first layer and at what they make of one digit.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, imageGrid, param, table } from 'course';

const EPOCHS = param('epochs', 3);
const TRAINING_DIGITS = param('trainingDigits', 8000);
const FILTERS = 8;

const mnist = await data.mnist({ set: 'bundled' });
const trainXs = mnist.train.xs.slice(0, TRAINING_DIGITS);
const trainYs = mnist.train.ys.slice(0, TRAINING_DIGITS);
const { validation } = mnist;

const model = tf.sequential({
  layers: [
    // Eight 3x3 kernels, like the ones in the playground above, but learned from data.
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: FILTERS, kernelSize: 3, activation: 'relu' }),
    // Keeps the largest value of each 2x2 window: 26x26 becomes 13x13.
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
await model.fit(trainXs, trainYs, {
  epochs: EPOCHS,
  batchSize: 32,
  shuffle: true,
  validationData: [validation.xs, validation.ys],
  callbacks: fitCallbacks({ title: 'Small CNN' }),
});

const [loss, acc] = model.evaluate(validation.xs, validation.ys, { batchSize: 256 }) as tf.Scalar[];
const accuracy = (await acc!.data())[0]!;
tf.dispose([loss!, acc!]);
table(
  { model: ['small CNN'], weights: [model.countParams()], 'validation accuracy': [accuracy] },
  { caption: `After ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'}; the reference MLP needs 670,000 weights` },
);

// Each filter and each feature map stretched from its own minimum (black) to maximum
// (white), so weak and strong ones are equally visible.
const stretch = (t: tf.Tensor) => tf.tidy(() => {
  const min = t.min([1, 2], true);
  const max = t.max([1, 2], true);
  return t.sub(min).div(max.sub(min).add(1e-6));
});

// The first layer's kernel has shape [3, 3, 1, FILTERS]: make that FILTERS images of 3x3.
const [kernel] = model.layers[0]!.getWeights();
const filters = tf.tidy(() => stretch(kernel!.transpose([3, 0, 1, 2])));
const names = Array.from({ length: FILTERS }, (_, i) => `filter ${i + 1}`);
imageGrid(filters, { columns: FILTERS, scale: 16, range: '0-1', labels: names, caption: 'The learned 3x3 filters (bright: large weight, dark: small or negative)' });

// A model that stops after the first layer shows what each filter sees in one digit.
const firstLayer = tf.model({ inputs: model.inputs, outputs: model.layers[0]!.output as tf.SymbolicTensor });
const digit = validation.xs.slice(0, 1);
const maps = tf.tidy(() => stretch((firstLayer.predict(digit) as tf.Tensor).transpose([3, 1, 2, 0])));
imageGrid(digit, { scale: 4, labels: ['input'], caption: 'One validation digit' });
imageGrid(maps, { columns: FILTERS, scale: 3, range: '0-1', labels: names, caption: 'Its feature maps: the output of each filter (26x26) after ReLU' });

tf.dispose([filters, digit, maps, trainXs, trainYs]);
model.dispose();
mnist.dispose();
