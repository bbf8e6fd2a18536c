// Tokenization: how BERT's tokenizer turns text into the numbers the model reads.
import { AutoTokenizer } from '@huggingface/transformers';
import { chips, models, param, table } from 'course';

const MODEL = param('model', 'Xenova/bert-base-uncased');
const SENTENCE_A = param('sentenceA', 'I understand equations, both the simple and quadratical.', { label: 'sentence A' });
const SENTENCE_B = param('sentenceB', 'What kind of equations do I understand?', { label: 'sentence B' });
const YOUR_TEXT = param('yourText', 'Tokenizers split unfamiliar words like hyperparameterization into pieces.', { label: 'your text' });

const tokenizer = await models.pretrained(MODEL, (progress_callback) => AutoTokenizer.from_pretrained(MODEL, { progress_callback }));
console.log(`${MODEL}: a vocabulary of ${tokenizer.get_vocab().size.toLocaleString('en-US')} tokens.`);

// The pair as BERT reads it: [CLS] sentence A [SEP] sentence B [SEP].
const pair = tokenizer(SENTENCE_A, { text_pair: SENTENCE_B });
const tokens = tokenizer.tokenize(SENTENCE_A, { pair: SENTENCE_B, add_special_tokens: true });
const row = (values: ArrayLike<bigint | number>) => Array.from(values, Number);
const ids = row(pair.input_ids.data as BigInt64Array);
const segments = pair.token_type_ids ? row(pair.token_type_ids.data as BigInt64Array) : ids.map(() => 0);
const attention = row(pair.attention_mask.data as BigInt64Array);
// Special tokens stand out, word pieces (##) recede; the id is under each token.
const tone = (t: string) => (tokenizer.all_special_tokens.includes(t) ? 'accent' : t.startsWith('##') ? 'muted' : undefined);
chips(tokens.map((t, i) => ({ text: t, note: ids[i]!, tone: tone(t) })), { caption: 'The sentence pair as tokens, with their ids' });
table(
  [
    ['token', ...tokens],
    ['id', ...ids],
    ['segment (token type)', ...segments],
    ['attention mask', ...attention],
  ],
  { columns: ['', ...tokens.map((_, i) => String(i))], caption: 'The sentence pair: one column per token' },
);

// Your text, word by word: a word the vocabulary lacks becomes several pieces; the
// ones after the first start with ##.
const words = YOUR_TEXT.split(/\s+/).filter(Boolean);
table(
  words.map((word) => {
    const pieces = tokenizer.tokenize(word);
    return { word, pieces: pieces.join(' '), ids: tokenizer.convert_tokens_to_ids(pieces).join(' '), count: pieces.length };
  }),
  { caption: 'Your text, word by word' },
);
const yours = tokenizer.tokenize(YOUR_TEXT);
chips(yours.map((t) => ({ text: t, tone: tone(t) })), { caption: 'Your text as tokens' });
const unknown = yours.filter((t) => t === tokenizer.unk_token).length;
console.log(`${words.length} words became ${yours.length} tokens, ${unknown} of them ${tokenizer.unk_token}.`);

// Two texts in one batch must have the same length: the shorter is padded, and its
// attention mask says which tokens are padding (0), so the model ignores them.
const batch = tokenizer([SENTENCE_B, YOUR_TEXT], { padding: true });
const width = batch.input_ids.dims[1]!;
const batchIds = row(batch.input_ids.data as BigInt64Array);
const batchMask = row(batch.attention_mask.data as BigInt64Array);
table(
  [0, 1].flatMap((r) => [
    [`text ${r + 1}: tokens`, ...batchIds.slice(r * width, (r + 1) * width).map((id) => tokenizer.decode([id]))],
    [`text ${r + 1}: attention mask`, ...batchMask.slice(r * width, (r + 1) * width)],
  ]),
  { columns: ['', ...Array.from({ length: width }, (_, i) => String(i))], caption: 'A padded batch of sentence B and your text' },
);
