// A BERT masked-language model through Transformers.js: the tokenizer, then fill-mask.
import { AutoTokenizer } from '@huggingface/transformers';
import { models, param, table } from 'course';

// The e2e build serves a tiny test BERT from the site as 'tiny-bert'.
const MODEL = param('model', models.DEFAULT_FILL_MASK_MODEL);
const SENTENCE = param('sentence', 'Paris is the [MASK] of France.');

const tokenizer = await AutoTokenizer.from_pretrained(MODEL);
console.log('tokens:', tokenizer.tokenize(SENTENCE).join(' '));

const unmasker = await models.fillMask(MODEL);
const guesses = await unmasker(SENTENCE, { top_k: 5 });
table(
  guesses.map((g) => ({ token: g.token_str, score: Number(g.score.toFixed(4)), sentence: g.sequence })),
  { caption: 'What BERT would put in place of [MASK]' },
);
