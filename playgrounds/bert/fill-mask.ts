// Fill in the blank: hide one token of the course's sentence pair behind [MASK] and ask
// BERT what belongs there. Then the same with a sentence of your own.
import * as tf from '@tensorflow/tfjs';
import { AutoModelForMaskedLM, AutoTokenizer } from '@huggingface/transformers';
import { barChart, models, param, table } from 'course';

const MODEL = param('model', 'Xenova/bert-base-uncased');
const DTYPE = param('dtype', 'q8', { choices: ['q8', 'fp32'] }) as 'q8' | 'fp32';
const SENTENCE_A = param('sentenceA', 'I understand equations, both the simple and quadratical.', { label: 'sentence A' });
const SENTENCE_B = param('sentenceB', 'What kind of equations do I understand?', { label: 'sentence B' });
const MASK_AT = param('maskAt', 0, { label: 'token to mask (0: a random word)', min: 0, max: 60 });
const YOUR_SENTENCE = param('yourSentence', 'The capital of France is [MASK].', { label: 'your sentence' });

const { device, reason } = await models.pickDevice();
console.log(`Transformers.js runs on ${device}: ${reason}.`);
const model = await models.pretrained(MODEL, (progress_callback) =>
  AutoModelForMaskedLM.from_pretrained(MODEL, { dtype: DTYPE, device, progress_callback }), { dtype: DTYPE },
);
const tokenizer = await models.pretrained(MODEL, (progress_callback) => AutoTokenizer.from_pretrained(MODEL, { progress_callback }));

// The five most likely tokens at one position, from the model's logits [1, tokens, vocabulary].
async function topFive(logits: { data: ArrayLike<number>; dims: number[] }, position: number) {
  const vocabulary = logits.dims[2]!;
  const row = Float32Array.from(logits.data as Float32Array).subarray(position * vocabulary, (position + 1) * vocabulary);
  const { values, indices } = tf.tidy(() => tf.topk(tf.softmax(tf.tensor1d(row)), 5));
  const [probabilities, ids] = [Array.from(await values.data()), Array.from(await indices.data())];
  tf.dispose([values, indices]);
  return ids.map((id, i) => ({ token: tokenizer.decode([id]), id, probability: probabilities[i]! }));
}

// 1. The sentence pair, tokenized as BERT was trained on pairs: [CLS] A [SEP] B [SEP].
const pair = tokenizer(SENTENCE_A, { text_pair: SENTENCE_B });
const tokens = tokenizer.tokenize(SENTENCE_A, { pair: SENTENCE_B, add_special_tokens: true });
// Words and word pieces can be masked; [CLS] and [SEP] are not words.
const maskable = tokens.flatMap((t, i) => (tokenizer.all_special_tokens.includes(t) ? [] : [i]));
if (MASK_AT !== 0 && !maskable.includes(MASK_AT)) {
  throw new RangeError(`Token ${MASK_AT} can't be masked: choose one of ${maskable.join(', ')} (0 picks one at random).`);
}
const position = MASK_AT || maskable[Math.floor(Math.random() * maskable.length)]!;
const original = tokens[position]!;
const ids = pair.input_ids.data as BigInt64Array;
const originalId = Number(ids[position]);
ids[position] = BigInt(tokenizer.mask_token_id!);
const shown = tokens.map((t, i) => (i === position ? tokenizer.mask_token : t));
console.log(`Masked token ${position} ("${original}"): ${shown.join(' ')}`);

const started = performance.now();
const { logits } = await model(pair);
console.log(`BERT read the ${tokens.length} tokens in ${(performance.now() - started).toFixed(0)} ms.`);
const guesses = await topFive(logits, position);
barChart({ title: `BERT's top 5 for token ${position} (was "${original}")`, categories: guesses.map((g) => g.token), values: guesses.map((g) => g.probability) });
const rank = guesses.findIndex((g) => g.id === originalId);
console.log(
  rank === 0
    ? `The original "${original}" came back as the most likely token (${(guesses[0]!.probability * 100).toFixed(1)}%).`
    : rank > 0
      ? `The original "${original}" is guess number ${rank + 1} (${(guesses[rank]!.probability * 100).toFixed(1)}%); BERT preferred "${guesses[0]!.token}".`
      : `The original "${original}" is not among the top 5; BERT preferred "${guesses[0]!.token}".`,
);

// 2. Your own sentence: one [MASK] (or several, each guessed on its own).
const yours = tokenizer(YOUR_SENTENCE);
const yourIds = Array.from(yours.input_ids.data as BigInt64Array, Number);
const masks = yourIds.flatMap((id, i) => (id === tokenizer.mask_token_id ? [i] : []));
if (!masks.length) throw new Error(`Your sentence has no ${tokenizer.mask_token}: put it where BERT should guess a word, e.g. "The capital of France is ${tokenizer.mask_token}."`);
const yourLogits = (await model(yours)).logits;
const rows = [];
for (const at of masks) {
  const top = await topFive(yourLogits, at);
  barChart({ title: `Your sentence, token ${at}: BERT's top 5`, categories: top.map((g) => g.token), values: top.map((g) => g.probability) });
  rows.push(...top.map((g, i) => ({ mask: at, rank: i + 1, token: g.token, probability: Number(g.probability.toFixed(4)) })));
}
table(rows, { caption: `"${YOUR_SENTENCE}"` });
await model.dispose();
