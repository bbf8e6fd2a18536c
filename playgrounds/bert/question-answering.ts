// Question answering: a BERT fine-tuned on SQuAD scores every token of the context as a
// possible start and end of the answer; the answer is the best-scoring span.
import * as tf from '@tensorflow/tfjs';
import { AutoModelForQuestionAnswering, AutoTokenizer } from '@huggingface/transformers';
import { barChart, models, param, table } from 'course';

const MODEL = param('model', 'Xenova/distilbert-base-uncased-distilled-squad');
const DTYPE = param('dtype', 'q8', { choices: ['q8', 'fp32'] }) as 'q8' | 'fp32';
const CONTEXT = param('context', 'I understand equations, both the simple and quadratical.');
const QUESTION = param('question', 'What kind of equations do I understand?');
const MAX_ANSWER_TOKENS = param('maxAnswerTokens', 15, { label: 'longest answer (tokens)', min: 1, max: 100 });

const { device, reason } = await models.pickDevice();
console.log(`Transformers.js runs on ${device}: ${reason}.`);
const model = await models.pretrained(MODEL, (progress_callback) =>
  AutoModelForQuestionAnswering.from_pretrained(MODEL, { dtype: DTYPE, device, progress_callback }), { dtype: DTYPE },
);
const tokenizer = await models.pretrained(MODEL, (progress_callback) => AutoTokenizer.from_pretrained(MODEL, { progress_callback }));

// The question and the context as a pair: [CLS] question [SEP] context [SEP].
const inputs = tokenizer(QUESTION, { text_pair: CONTEXT });
const ids = Array.from(inputs.input_ids.data as BigInt64Array, Number);
const tokens = tokenizer.tokenize(QUESTION, { pair: CONTEXT, add_special_tokens: true });
const seps = ids.flatMap((id, i) => (id === tokenizer.sep_token_id ? [i] : []));
const [first, last] = [seps[0]! + 1, seps[seps.length - 1]!]; // the context's tokens: first .. last - 1
const started = performance.now();
const { start_logits, end_logits } = await model(inputs);
console.log(`The model read the ${ids.length} tokens in ${(performance.now() - started).toFixed(0)} ms.`);

// Probabilities over the context's tokens only: the answer must be in the context.
const contextProbabilities = (logits: { data: ArrayLike<number> }) =>
  tf.tidy(() => tf.softmax(tf.tensor1d(Float32Array.from(logits.data as Float32Array).subarray(first, last))));
const start = contextProbabilities(start_logits);
const end = contextProbabilities(end_logits);
// Score of the span from token i to token j: P(start at i) * P(end at j), for i <= j and
// no more than MAX_ANSWER_TOKENS long (bandPart keeps that band above the diagonal).
const width = last - first;
const [bestSpan, bestScore] = tf.tidy(() => {
  const spans = tf.linalg.bandPart(tf.outerProduct(start, end), 0, Math.min(MAX_ANSWER_TOKENS, width) - 1).flatten();
  return [spans.argMax(), spans.max()];
});
const best = (await bestSpan!.data())[0]!;
const [i, j] = [Math.floor(best / width), best % width];
const score = (await bestScore!.data())[0]!;
const [startValues, endValues] = [Array.from(await start.data()), Array.from(await end.data())];
tf.dispose([start, end, bestSpan!, bestScore!]);

const contextTokens = tokens.slice(first, last);
barChart({
  title: 'Where the answer starts and ends, token by token of the context',
  categories: contextTokens,
  series: ['start', 'end'],
  values: [startValues, endValues],
});
const answer = tokenizer.decode(ids.slice(first + i, first + j + 1), { skip_special_tokens: true });
table(
  { question: [QUESTION], answer: [answer], tokens: [`${i + 1} to ${j + 1}`], score: [Number(score.toFixed(4))] },
  { caption: 'The best span: highest P(start) x P(end)' },
);
console.log(`Answer: "${answer}" (score ${score.toFixed(4)}).`);
await model.dispose();
