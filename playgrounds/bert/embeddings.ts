// Embeddings you can look at: the vector of every token of a sentence, and the same word
// ("bank") in different sentences, which a contextual model gives different vectors.
import * as tf from '@tensorflow/tfjs';
import { pipeline } from '@huggingface/transformers';
import { image, models, param, table } from 'course';

const MODEL = param('model', 'Xenova/all-MiniLM-L6-v2');
const SENTENCE = param('sentence', 'We sat on the bank of the river.');
const WORD = param('word', 'bank');
const CONTEXTS = [SENTENCE, 'I put my money in the bank.', 'The bank opened a new account for my money.', WORD];

const { device, reason } = await models.pickDevice();
console.log(`Transformers.js runs on ${device}: ${reason}.`);
const extractor = await models.pretrained(MODEL, (progress_callback) => pipeline('feature-extraction', MODEL, { dtype: 'q8', device, progress_callback }), { dtype: 'q8' });

// One vector per token: the model's last layer, [1, tokens, hidden size].
const output = await extractor(SENTENCE);
const [, count, hidden] = output.dims as [number, number, number];
const vectors = tf.tensor2d(output.data as Float32Array, [count, hidden]);
const tokens = extractor.tokenizer.tokenize(SENTENCE, { add_special_tokens: true });
console.log(`"${SENTENCE}": ${count} tokens, ${hidden} numbers each.`);
// Each token's vector as one strip, all on one scale: black is the most negative number
// of any token, white the most positive; each strip about 384 pixels wide and 16 high.
const scale = Math.max(1, Math.floor(384 / hidden));
const rows = Math.max(1, Math.round(16 / scale));
const strips = tf.tidy(() => tf.tile(vectors.expandDims(1), [1, rows, 1]).reshape([count * rows, hidden]));
image(strips, { caption: `One strip per token, top to bottom: ${tokens.join(' · ')}`, scale });
strips.dispose();
vectors.dispose();

// The vector of WORD inside each context.
const cosine = (a: tf.Tensor1D, b: tf.Tensor1D) => tf.tidy(() => tf.sum(tf.mul(a, b)).div(tf.norm(a).mul(tf.norm(b))));
const inContext: tf.Tensor1D[] = [];
for (const text of CONTEXTS) {
  const at = extractor.tokenizer.tokenize(text, { add_special_tokens: true }).indexOf(WORD.toLowerCase());
  if (at < 0) throw new Error(`"${WORD}" is not a single token of "${text}": choose a word the vocabulary has whole.`);
  const result = await extractor(text);
  const h = result.dims[2]!;
  inContext.push(tf.tensor1d((result.data as Float32Array).slice(at * h, (at + 1) * h)));
}
const similarities = [];
for (let i = 0; i < CONTEXTS.length; i++) {
  const row: Record<string, string | number> = { [`"${WORD}" in`]: `${i + 1}. ${CONTEXTS[i]!}` };
  for (let j = 0; j < CONTEXTS.length; j++) {
    const c = cosine(inContext[i]!, inContext[j]!);
    row[`vs ${j + 1}`] = Number((await c.data())[0]!.toFixed(3));
    c.dispose();
  }
  similarities.push(row);
}
table(similarities, { caption: `Cosine similarity of the vectors of "${WORD}" (1: same direction, 0: unrelated); each column is the sentence of that number` });
tf.dispose(inContext);
await extractor.dispose();
