// Words to numbers, two ways: one-hot vectors, and an embedding table that gives every
// word a short vector of its own. Plain TF.js, no model to download.
import * as tf from '@tensorflow/tfjs';
import { param, table } from 'course';

const SENTENCE = param('sentence', 'i understand equations both the simple and the quadratical', { label: 'sentence' });
const SIZE = param('embeddingSize', 4, { label: 'embedding size', min: 1, max: 16 });

// A vocabulary: every distinct word gets a number, its place in the list.
const words = SENTENCE.toLowerCase().split(/\s+/).filter(Boolean);
const vocabulary = [...new Set(words)];
const ids = words.map((w) => vocabulary.indexOf(w));
table({ word: words, id: ids }, { caption: `A vocabulary of ${vocabulary.length} words: each word is its number` });

// One-hot: as many numbers as the vocabulary has words, all 0 but a 1 at the word's id.
const idTensor = tf.tensor1d(ids, 'int32');
const oneHot = tf.tidy(() => tf.oneHot(idTensor, vocabulary.length).toFloat());
table((await oneHot.array()) as number[][], { columns: vocabulary, caption: 'One-hot vectors: one row per word of the sentence' });

// Two different words never share their 1, so every pair of words looks equally
// unrelated: the dot product of their vectors is 0.
const similarity = tf.matMul(oneHot, oneHot, false, true);
table((await similarity.array()) as number[][], { columns: words, caption: 'Dot products of the one-hot vectors: 1 for the same word, 0 for any two different ones' });

// An embedding: a table with one row of SIZE numbers per vocabulary word. In a model the
// rows are weights that training adjusts; here they start random.
const embeddingTable = tf.randomNormal([vocabulary.length, SIZE], 0, 1, 'float32', 7);
const lookedUp = tf.gather(embeddingTable, idTensor);
// Multiplying the one-hot rows by the table picks the same rows: an embedding layer is
// a dense layer on one-hot input, computed without the zeros.
const multiplied = tf.matMul(oneHot, embeddingTable);
const largest = tf.tidy(() => tf.max(tf.abs(tf.sub(lookedUp, multiplied))));
const difference = (await largest.data())[0]!;
table(
  ((await lookedUp.array()) as number[][]).map((v, i) => ({ word: words[i]!, vector: v.map((x) => x.toFixed(2)).join('  ') })),
  { caption: `Embeddings: ${SIZE} numbers per word, looked up by id` },
);
console.log(`Lookup by id and one-hot times the table differ by at most ${difference}: the same numbers.`);
tf.dispose([idTensor, oneHot, similarity, embeddingTable, lookedUp, multiplied, largest]);

// At BERT's size (bert-base-uncased: 30,522 tokens, 768 numbers per token), for a
// sentence of 20 tokens in float32:
const VOCABULARY = 30522;
const HIDDEN = 768;
const TOKENS = 20;
const mb = (values: number) => `${((values * 4) / 1e6).toFixed(2)} MB`;
table(
  {
    'what': ['20 tokens as one-hot vectors', '20 tokens as embeddings', 'the embedding table itself'],
    'numbers': [TOKENS * VOCABULARY, TOKENS * HIDDEN, VOCABULARY * HIDDEN].map((n) => n.toLocaleString('en-US')),
    'float32 size': [mb(TOKENS * VOCABULARY), mb(TOKENS * HIDDEN), mb(VOCABULARY * HIDDEN)],
  },
  { caption: 'One-hot against embeddings at the size of bert-base-uncased' },
);
