// Sign Language MNIST: 28x28 grey photos of a hand signing one letter each. A first look:
// some examples with their letters, how many of each letter there are, and how these
// pictures differ from the MNIST digits of chapter 3.
import * as tf from '@tensorflow/tfjs';
import { barChart, data, imageGrid, param, table } from 'course';

const SHOW = param('show', 24, { label: 'examples shown', min: 4, max: 48, step: 4 });

const asl = await data.asl();
const { train, validation, letters } = asl;

// The labels are numbers 0-23; `letters` turns them into A-Y (no J or Z: they move).
const shown = train.xs.slice(0, SHOW);
imageGrid(shown, { columns: 8, scale: 2, labels: Array.from(train.labels.subarray(0, SHOW), (l) => letters[l]!), caption: `The first ${SHOW} training images` });

// One example of every letter, in alphabetical order (every letter is in the training set).
const firstOf = letters.map((_, label) => train.labels.indexOf(label));
const onePerLetter = tf.gather(train.xs, firstOf);
imageGrid(onePerLetter, { columns: 8, scale: 2, labels: [...letters], caption: 'One training image of each of the 24 letters' });

const counts = letters.map((_, label) => train.labels.filter((l) => l === label).length);
barChart({ title: 'Training images per letter', categories: [...letters], values: counts });
console.log(`Fewest: ${Math.min(...counts)} images of one letter, most: ${Math.max(...counts)}.`);

// The same measurements on the MNIST digits every copy of the site carries.
const mnist = await data.mnist({ set: 'bundled' });
async function describeImages(xs: tf.Tensor4D) {
  const [mean, dark, bright] = await Promise.all(
    tf.tidy(() => [xs.mean(), xs.less(0.1).mean(), xs.greater(0.9).mean()]).map(async (t) => {
      const v = (await t.data())[0]!;
      t.dispose();
      return v;
    }),
  );
  return { mean, dark, bright };
}
const signs = await describeImages(train.xs);
const digits = await describeImages(mnist.train.xs);
table(
  {
    measure: ['image size', 'classes', 'training images', 'validation images', 'mean pixel value (0-1)', 'pixels darker than 0.1', 'pixels brighter than 0.9'],
    'Sign Language MNIST': ['28x28 grey', 24, train.labels.length, validation.labels.length, signs.mean.toFixed(3), `${(signs.dark * 100).toFixed(1)}%`, `${(signs.bright * 100).toFixed(1)}%`],
    'MNIST (bundled)': ['28x28 grey', 10, mnist.train.labels.length, mnist.validation.labels.length, digits.mean.toFixed(3), `${(digits.dark * 100).toFixed(1)}%`, `${(digits.bright * 100).toFixed(1)}%`],
  },
  { caption: 'Hand signs and handwritten digits, measured' },
);

tf.dispose([shown, onePerLetter]);
mnist.dispose();
asl.dispose();
