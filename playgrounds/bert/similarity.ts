// How alike are sentences? Turn each one into a single vector (the mean of its token
// vectors), then compare every pair by cosine similarity.
import * as tf from '@tensorflow/tfjs';
import { pipeline } from '@huggingface/transformers';
import { image, models, param, table } from 'course';

const MODEL = param('model', 'Xenova/all-MiniLM-L6-v2');
const SENTENCES = [
  'The cat sat on the mat.',
  'A dog played in the park.',
  'The dog sat on the mat.',
  'I understand equations, both the simple and quadratical.',
  'What kind of equations do I understand?',
  'Paris is the capital of France.',
];

const { device } = await models.pickDevice();
const extractor = await models.pretrained(MODEL, (progress_callback) => pipeline('feature-extraction', MODEL, { dtype: 'q8', device, progress_callback }), { dtype: 'q8' });

// pooling 'mean' averages the token vectors (padding left out); normalize makes each vector
// length 1, so a dot product is the cosine similarity.
const output = await extractor(SENTENCES, { pooling: 'mean', normalize: true });
const [n, hidden] = output.dims as [number, number];
const similarity = tf.tidy(() => {
  const e = tf.tensor2d(output.data as Float32Array, [n, hidden]);
  return tf.matMul(e, e, false, true);
});
const values = (await similarity.array()) as number[][];
// A heatmap from 0 or less (black) to 1 (white, each sentence with itself).
const heatmap = tf.tidy(() => tf.clipByValue(similarity, 0, 1));
image(heatmap, { caption: 'Cosine similarity of every pair of sentences, rows and columns in the order of the table', scale: 40, range: '0-1' });
tf.dispose([similarity, heatmap]);
table(
  values.map((row, i) => ({ sentence: `${i + 1}. ${SENTENCES[i]}`, ...Object.fromEntries(row.map((v, j) => [`vs ${j + 1}`, Number(v.toFixed(3))])) })),
  { caption: `Cosine similarity, ${hidden}-number sentence vectors` },
);
let best = [0, 1];
for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (values[i]![j]! > values[best[0]!]![best[1]!]!) best = [i, j];
console.log(`Most alike: sentences ${best[0]! + 1} and ${best[1]! + 1} (${values[best[0]!]![best[1]!]!.toFixed(3)}).`);
await extractor.dispose();
