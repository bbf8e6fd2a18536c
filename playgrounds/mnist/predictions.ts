// The trained model at work on validation digits it has never seen, mistakes in red.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, param, recall, table } from 'course';

const SHOW = param('show', 32, { label: 'digits to show', min: 8, max: 96, step: 8 });

const model = await recall<tf.LayersModel>('mnist-model', { from: 'Train the reference model' });
const mnist = await data.mnist({ set: 'bundled' });
const { validation } = mnist;

// predict gives ten probabilities per digit; the guess is the most probable class.
const guesses = tf.tidy(() => (model.predict(validation.xs) as tf.Tensor).argMax(-1));
const predicted = await guesses.data();
guesses.dispose();
const truth = validation.labels;
const wrong = truth.map((label, i) => (predicted[i] === label ? 0 : 1));

const firstDigits = validation.xs.slice(0, SHOW);
imageGrid(firstDigits, {
  columns: 8,
  scale: 2,
  labels: Array.from({ length: SHOW }, (_, i) => (wrong[i] ? `${predicted[i]} (is ${truth[i]})` : `${predicted[i]}`)),
  highlight: Array.from(wrong.subarray(0, SHOW), Boolean),
  caption: `The model's answers for the first ${SHOW} validation digits`,
});

// Its mistakes are often digits a person would hesitate over too.
const mistakes = [...wrong.keys()].filter((i) => wrong[i]).slice(0, 16);
if (mistakes.length > 0) {
  const images = tf.gather(validation.xs, mistakes);
  imageGrid(images, {
    columns: 8,
    scale: 2,
    labels: mistakes.map((i) => `${predicted[i]} (is ${truth[i]})`),
    highlight: mistakes.map(() => true),
    caption: 'Some of the digits it got wrong: its answer, then the label',
  });
  images.dispose();
}

const errors = wrong.reduce((a, b) => a + b, 0);
table({ digits: [truth.length], right: [truth.length - errors], wrong: [errors], accuracy: [1 - errors / truth.length] }, { caption: 'All validation digits' });

tf.dispose(firstDigits);
mnist.dispose();
