// Quantized (q8) against full precision (fp32): the same model stored two ways, run on
// the same sentence. q8 keeps the weight matrices in 8 bits instead of 32, about a quarter
// of the download.
import * as tf from '@tensorflow/tfjs';
import { AutoModelForMaskedLM, AutoTokenizer } from '@huggingface/transformers';
import { models, param, table } from 'course';

const MODEL = param('model', 'Xenova/bert-base-uncased');
const SENTENCE = param('sentence', 'The capital of France is [MASK].');

const { device, reason } = await models.pickDevice();
console.log(`Transformers.js runs on ${device}: ${reason}.`);
const tokenizer = await models.pretrained(MODEL, (progress_callback) => AutoTokenizer.from_pretrained(MODEL, { progress_callback }));
const inputs = tokenizer(SENTENCE);
const at = Array.from(inputs.input_ids.data as BigInt64Array, Number).indexOf(tokenizer.mask_token_id!);
if (at < 0) throw new Error(`The sentence has no ${tokenizer.mask_token}: put one where BERT should guess a word.`);

// The probability of every vocabulary token at the mask, with each variant of the weights.
const probabilities: Record<string, tf.Tensor1D> = {};
for (const dtype of ['q8', 'fp32'] as const) {
  const model = await models.pretrained(MODEL, (progress_callback) =>
    AutoModelForMaskedLM.from_pretrained(MODEL, { dtype, device, progress_callback }), { dtype },
  );
  const started = performance.now();
  const { logits } = await model(inputs);
  console.log(`${dtype}: one prediction in ${(performance.now() - started).toFixed(0)} ms.`);
  const vocabulary = logits.dims[2]!;
  const row = Float32Array.from(logits.data as Float32Array).subarray(at * vocabulary, (at + 1) * vocabulary);
  probabilities[dtype] = tf.tidy(() => tf.softmax(tf.tensor1d(row)));
  await model.dispose();
}
const q8 = probabilities.q8!;
const fp32 = probabilities.fp32!;
const { values, indices } = tf.topk(fp32, 5);
const top = Array.from(await indices.data());
const [q8Values, fp32Values] = [await q8.data(), await fp32.data()];
table(
  top.map((id, rank) => ({
    rank: rank + 1,
    token: tokenizer.decode([id]),
    'fp32 probability': Number(fp32Values[id]!.toFixed(4)),
    'q8 probability': Number(q8Values[id]!.toFixed(4)),
    difference: Number((q8Values[id]! - fp32Values[id]!).toFixed(4)),
  })),
  { caption: `fp32's top 5 for "${SENTENCE}", and what q8 gives the same tokens` },
);
const largest = tf.tidy(() => tf.max(tf.abs(tf.sub(q8, fp32))));
const q8Top = tf.topk(q8, 5);
const sameOrder = Array.from(await q8Top.indices.data()).every((id, k) => id === top[k]);
console.log(
  `Over all ${fp32.shape[0].toLocaleString('en-US')} tokens the probabilities differ by at most ${(await largest.data())[0]!.toFixed(4)}; ` +
    `the top 5 are ${sameOrder ? 'the same, in the same order' : 'not in the same order'}.`,
);
tf.dispose([q8, fp32, values, indices, largest, q8Top.values, q8Top.indices]);
