// A small convolutional network learns its own kernels. It trains next to a plain linear
// model (every pixel straight to ten softmax outputs) on the same digits, so we can see
// what convolution adds. Then we look at the 3x3 filters of its first layer and at what
// they make of one digit.
import * as tf from '@tensorflow/tfjs';
import { data, fitCallbacks, imageGrid, param, table } from 'course';

const EPOCHS = param('epochs', 3, { min: 0, max: 10 });
const TRAINING_DIGITS = param('trainingDigits', 8000, { label: 'training digits', min: 500, max: 8000, step: 500 });
const FILTERS = 8;

const mnist = await data.mnist({ set: 'bundled' });
const trainXs = mnist.train.xs.slice(0, TRAINING_DIGITS);
const trainYs = mnist.train.ys.slice(0, TRAINING_DIGITS);
const { validation } = mnist;

// The baseline: no hidden layer, no convolution. 784 x 10 weights + 10 biases.
const linear = tf.sequential({
  name: 'linear',
  layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })],
});
const cnn = tf.sequential({
  name: 'cnn',
  layers: [
    // Eight 3x3 kernels, like the ones in the playground above, but learned from data.
    tf.layers.conv2d({ inputShape: [28, 28, 1], filters: FILTERS, kernelSize: 3, activation: 'relu' }),
    // Keeps the largest value of each 2x2 window: 26x26 becomes 13x13.
    tf.layers.maxPooling2d({ poolSize: 2 }),
    // Sixteen more filters, each 3x3x8: it looks at all eight feature maps at once.
    tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }),
    tf.layers.maxPooling2d({ poolSize: 2 }), // 11x11 becomes 5x5
    tf.layers.flatten(),
    tf.layers.dense({ units: 10, activation: 'softmax' }),
  ],
});

// Where the weights are: a conv layer has 3 x 3 x (input channels) weights per filter,
// plus one bias per filter, whatever the size of its input: 3*3*1*8 + 8 = 80 for the
// first, 3*3*8*16 + 16 = 1,168 for the second.
table(
  [linear, cnn].flatMap((model) =>
    model.layers.map((layer) => ({
      model: model.name,
      layer: layer.getClassName(),
      'output shape': JSON.stringify(layer.outputShape).replaceAll('null,', ''),
      weights: layer.countParams(),
    })),
  ),
  { caption: `Weights per layer: linear ${linear.countParams().toLocaleString('en-US')}, CNN ${cnn.countParams().toLocaleString('en-US')}` },
);

// The same digits, epochs, batch size and optimizer for both.
const accuracies: number[] = [];
for (const model of [linear, cnn]) {
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit(trainXs, trainYs, {
    epochs: EPOCHS,
    batchSize: 32,
    shuffle: true,
    validationData: [validation.xs, validation.ys],
    callbacks: fitCallbacks({ title: model.name === 'cnn' ? 'Small CNN' : 'Linear baseline' }),
  });
  const [loss, acc] = model.evaluate(validation.xs, validation.ys, { batchSize: 256 }) as tf.Scalar[];
  accuracies.push((await acc!.data())[0]!);
  tf.dispose([loss!, acc!]);
}
table(
  { model: ['linear baseline', 'small CNN'], weights: [linear.countParams(), cnn.countParams()], 'validation accuracy': accuracies },
  { caption: `After ${EPOCHS} epoch${EPOCHS === 1 ? '' : 's'} on ${TRAINING_DIGITS.toLocaleString('en-US')} digits, measured on the 2,000 validation digits` },
);
const lead = (accuracies[1]! - accuracies[0]!) * 100;
console.log(`The CNN is ${Math.abs(lead).toFixed(1)} points ${lead >= 0 ? 'ahead of' : 'behind'} the linear model.`);

// Each filter and each feature map stretched from its own minimum (black) to maximum
// (white), so weak and strong ones are equally visible.
const stretch = (t: tf.Tensor) => tf.tidy(() => {
  const min = t.min([1, 2], true);
  const max = t.max([1, 2], true);
  return t.sub(min).div(max.sub(min).add(1e-6));
});

// The first layer's kernel has shape [3, 3, 1, FILTERS]: make that FILTERS images of 3x3.
const [kernel] = cnn.layers[0]!.getWeights();
const filters = tf.tidy(() => stretch(kernel!.transpose([3, 0, 1, 2])));
const names = Array.from({ length: FILTERS }, (_, i) => `filter ${i + 1}`);
imageGrid(filters, { columns: FILTERS, scale: 16, range: '0-1', labels: names, caption: 'The learned 3x3 filters (bright: large weight, dark: small or negative)' });

// A model that stops after the first layer shows what each filter sees in one digit.
const firstLayer = tf.model({ inputs: cnn.inputs, outputs: cnn.layers[0]!.output as tf.SymbolicTensor });
const digit = validation.xs.slice(0, 1);
const maps = tf.tidy(() => stretch((firstLayer.predict(digit) as tf.Tensor).transpose([3, 1, 2, 0])));
imageGrid(digit, { scale: 4, labels: ['input'], caption: 'One validation digit' });
imageGrid(maps, { columns: FILTERS, scale: 3, range: '0-1', labels: names, caption: 'Its feature maps: the output of each filter (26x26) after ReLU' });

tf.dispose([filters, digit, maps, trainXs, trainYs]);
linear.dispose();
cnn.dispose();
mnist.dispose();
