// Softmax and cross-entropy by hand for a batch of three digits, checked against TF.js.
import * as tf from '@tensorflow/tfjs';
import { table } from 'course';

// The ten scores (logits) a network gave three images, and the digits they really are.
const SCORES = [
  [1.2, 0.3, -0.8, 4.1, 0.0, 1.5, -1.1, 0.6, 2.0, -0.4], // a 3, and the network agrees
  [0.5, 2.2, 0.1, -0.3, 1.9, 0.0, 0.4, 2.4, -1.0, 1.1], // a 7, torn between 7 and 1
  [3.0, -0.5, 0.2, 0.8, -1.2, 0.4, 2.6, -0.9, 0.7, 0.1], // a 6 that it takes for a 0
];
const LABELS = [3, 7, 6];

// Softmax: p_i = e^(z_i) / sum_j e^(z_j), positive and summing to 1.
const softmax = (z: number[]) => {
  const e = z.map(Math.exp);
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
};
// One-hot labels: y_i is 1 for the true digit, 0 for the other nine.
const oneHot = (label: number) => Array.from({ length: 10 }, (_, i) => (i === label ? 1 : 0));
// Cross-entropy: L = -sum_i y_i log p_i. Only the true digit's term is not 0, so L = -log p_label.
const crossEntropy = (y: number[], p: number[]) => -y.reduce((sum, yi, i) => sum + yi * Math.log(p[i]!), 0);

const probabilities = SCORES.map(softmax);
const targets = LABELS.map(oneHot);
const losses = probabilities.map((p, n) => crossEntropy(targets[n]!, p));
const byHand = losses.reduce((a, b) => a + b, 0) / losses.length; // the batch's loss is the average
table(
  {
    digit: LABELS,
    'p(true digit)': LABELS.map((label, n) => probabilities[n]![label]!),
    'most probable': probabilities.map((p) => p.indexOf(Math.max(...p))),
    loss: losses,
  },
  { caption: `Cross-entropy per example; the batch's loss is their mean, ${byHand.toFixed(4)}` },
);

// TF.js, two ways. categoricalCrossentropy (the loss named in model.compile) takes
// PROBABILITIES, the output of a softmax layer. softmaxCrossEntropy takes the raw scores
// (logits) and applies softmax itself, as PyTorch's nn.CrossEntropyLoss does.
const [fromProbabilities, fromLogits, logitsMistaken] = tf.tidy(() => {
  const y = tf.tensor2d(targets);
  const z = tf.tensor2d(SCORES);
  return [
    tf.metrics.categoricalCrossentropy(y, tf.softmax(z)).mean(),
    tf.losses.softmaxCrossEntropy(y, z),
    // The mistake to avoid: logits where probabilities belong.
    tf.metrics.categoricalCrossentropy(y, z).mean(),
  ];
});
const read = async (t: tf.Tensor) => (await t.data())[0]!;
table(
  {
    computed: ['by hand, above', 'tf.metrics.categoricalCrossentropy(labels, softmax(scores))', 'tf.losses.softmaxCrossEntropy(labels, scores)', 'categoricalCrossentropy given the scores: wrong'],
    'mean loss': [byHand, await read(fromProbabilities), await read(fromLogits), await read(logitsMistaken)],
  },
  { caption: 'The same loss, three ways (and one mistake)' },
);

// Two classes: softmax of the scores (z, 0) is sigmoid(z) for the first class. Sigmoid
// gives the probability of "yes" in a yes/no question; softmax generalises it to ten.
const Z = [-2, 0, 1.5];
table(
  {
    z: Z,
    'softmax([z, 0]), first class': Z.map((z) => softmax([z, 0])[0]!),
    'sigmoid(z) = 1 / (1 + e^-z)': Z.map((z) => 1 / (1 + Math.exp(-z))),
  },
  { caption: 'Sigmoid is softmax with two classes' },
);

tf.dispose([fromProbabilities, fromLogits, logitsMistaken]);
