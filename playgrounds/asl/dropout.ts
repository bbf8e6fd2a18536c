// Dropout: in training, a random share of a layer's values is set to 0 and the rest are
// scaled up to keep the total about the same; at inference the layer does nothing.
import * as tf from '@tensorflow/tfjs';
import { data, imageGrid, param, table } from 'course';

const RATE = param('rate', 0.5, { min: 0, max: 0.9, step: 0.1 });
const INDEX = param('index', 0, { label: 'training image', min: 0 });

const asl = await data.asl();
const { train, letters } = asl;
if (INDEX >= train.labels.length) throw new RangeError(`index ${INDEX}: the training set has ${train.labels.length} images (0 to ${train.labels.length - 1})`);
const sign = train.xs.slice(INDEX, 1);

// A dropout layer on its own, applied to the pixels of one sign as if they were the
// activations of a layer. `training: true` is what fit() passes; predict() passes false.
const dropout = tf.layers.dropout({ rate: RATE });
const inTraining = [1, 2, 3].map(() => dropout.apply(sign, { training: true }) as tf.Tensor4D);
const atInference = dropout.apply(sign, { training: false }) as tf.Tensor4D;

const pictures = [sign, ...inTraining, atInference].map((t) => t.squeeze([0]));
imageGrid(pictures, {
  scale: 4,
  range: '0-1',
  labels: [`the sign (${letters[train.labels[INDEX]!]})`, 'training step 1', 'training step 2', 'training step 3', 'inference'],
  caption: `Dropout with rate ${RATE}: a new random pattern of zeros every step, none at inference (survivors brighter than 1 show as white)`,
});

const original = await sign.data();
async function describe(name: string, t: tf.Tensor) {
  const v = await t.data();
  let [zeroed, ratio, nonZero] = [0, 0, 0];
  v.forEach((x, i) => {
    if (original[i]! === 0) return;
    nonZero++;
    if (x === 0) zeroed++;
    else ratio += x / original[i]!;
  });
  const survivors = nonZero - zeroed;
  const differs = v.some((x, i) => x !== original[i]);
  return { output: name, 'set to 0': `${((zeroed / nonZero) * 100).toFixed(1)}%`, 'survivors multiplied by': survivors ? (ratio / survivors).toFixed(3) : '-', 'equals the input': differs ? 'no' : 'yes' };
}
table(await Promise.all([...inTraining.map((t, i) => describe(`training step ${i + 1}`, t)), describe('inference', atInference)]), {
  caption: `Dropout with rate ${RATE}: 1 / (1 - ${RATE}) = ${(1 / (1 - RATE)).toFixed(3)}`,
});

tf.dispose([sign, ...inTraining, atInference, ...pictures]);
asl.dispose();
