// A map of words: embed words from three groups, then flatten their vectors to two
// numbers each with principal component analysis (PCA), computed here in TF.js.
import * as tf from '@tensorflow/tfjs';
import { pipeline } from '@huggingface/transformers';
import { models, param, scatterChart, table } from 'course';

const MODEL = param('model', 'Xenova/all-MiniLM-L6-v2');
const GROUPS: Record<string, string[]> = {
  animals: ['cat', 'dog', 'horse', 'cow', 'mouse'],
  fruit: ['apple', 'banana', 'orange', 'pear', 'grape'],
  countries: ['france', 'germany', 'japan', 'italy', 'spain'],
};
const ITERATIONS = param('iterations', 100, { min: 1, max: 1000 });

/**
 * The directions along which the points spread most (the top eigenvectors of their
 * covariance matrix), found by subspace iteration: multiplying by the covariance turns
 * any directions towards the most spread-out ones; QR keeps them perpendicular and of
 * length 1. Returns each point's coordinates along them and the share of the total
 * variance each one explains.
 */
function pca(points: tf.Tensor2D, k: number, iterations: number): { projected: tf.Tensor2D; explained: tf.Tensor1D } {
  return tf.tidy(() => {
    const [n, d] = points.shape;
    const centred = tf.sub(points, tf.mean(points, 0));
    const covariance = tf.div(tf.matMul(centred, centred, true, false), n - 1);
    let directions = tf.randomNormal([d, k], 0, 1, 'float32', 1) as tf.Tensor2D;
    for (let i = 0; i < iterations; i++) directions = tf.linalg.qr(tf.matMul(covariance, directions))[0] as tf.Tensor2D;
    const variances = tf.sum(tf.mul(directions, tf.matMul(covariance, directions)), 0);
    const total = tf.div(tf.sum(tf.square(centred)), n - 1);
    return { projected: tf.matMul(centred, directions), explained: tf.div(variances, total) as tf.Tensor1D };
  });
}

const { device } = await models.pickDevice();
const extractor = await models.pretrained(MODEL, (progress_callback) => pipeline('feature-extraction', MODEL, { dtype: 'q8', device, progress_callback }), { dtype: 'q8' });
const words = Object.values(GROUPS).flat();
// One vector per word: the mean of its token vectors, [CLS] and [SEP] included (a word
// may be several tokens), scaled to length 1.
const output = await extractor(words, { pooling: 'mean', normalize: true });
const points = tf.tensor2d(output.data as Float32Array, output.dims as [number, number]);
const { projected, explained } = pca(points, 2, ITERATIONS);
const xy = (await projected.array()) as number[][];
const shares = Array.from(await explained.data());
tf.dispose([points, projected, explained]);

let next = 0;
const series = Object.values(GROUPS).map((group) => group.map(() => xy[next++]! as [number, number]));
const chart = scatterChart({ title: `${words.length} words, ${output.dims[1]} numbers each, seen along their two main directions`, series: Object.keys(GROUPS), xLabel: 'component 1', yLabel: 'component 2' });
chart.set(series);
table(
  words.map((word, i) => ({ word, group: Object.keys(GROUPS).find((g) => GROUPS[g]!.includes(word))!, 'component 1': Number(xy[i]![0]!.toFixed(3)), 'component 2': Number(xy[i]![1]!.toFixed(3)) })),
  { caption: 'Where each word lands' },
);
console.log(`The two components hold ${(shares[0]! * 100).toFixed(1)}% and ${(shares[1]! * 100).toFixed(1)}% of the spread of the ${output.dims[1]}-number vectors; the picture leaves out the rest.`);
await extractor.dispose();
