/**
 * Chapter 7's course truth: runs the chapter's own playgrounds (`playgrounds/bert/`,
 * unchanged) in Node on the real models, with the browser's default q8 weights, and
 * checks what the chapter's text relies on:
 *   - "The capital of France is [MASK]." gets "paris" as the most likely token;
 *   - the course's question about its sentence gets a non-empty span of that sentence.
 * It also records what the real models say on the chapter's examples (the top 5 for the
 * masked "simple" of the sentence pair and for the capital of France, the QA span and its
 * score); `--write` saves them to content/07-bert/truth.json, which the chapter shows.
 * Exits 1 when a check fails, so the deploy does not publish a chapter the models contradict.
 *
 *   node scripts/reference/bert-truth.ts [--write] [--fixtures]
 *
 * Models come from the Hugging Face hub (Transformers.js caches them), or from
 * BERT_MODELS_DIR, a folder in the hub's layout (`<dir>/Xenova/bert-base-uncased/...`).
 * `--fixtures` runs the same path on the tiny test BERTs (tests/fixtures/): their outputs
 * are random, so whether they pass says nothing (and `--write` is refused); the tests use
 * it to exercise the code.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { runPlaygroundFile, type RunOutcome } from '../../tests/playgrounds/harness.ts';

export const CAPITAL = 'The capital of France is [MASK].';
export const SENTENCE_A = 'I understand equations, both the simple and quadratical.';
export const SENTENCE_B = 'What kind of equations do I understand?';
export const TRUTH_FILE = fileURLToPath(new URL('../../content/07-bert/truth.json', import.meta.url));

export interface Guess {
  token: string;
  probability: number;
}
export interface Truth {
  measured: true;
  measuredAt: string;
  models: { fillMask: string; questionAnswering: string; dtype: string };
  /** The top 5 for "simple" masked in the sentence pair, and for the capital of France. */
  maskedSimple: { position: number; guesses: Guess[] };
  capital: Guess[];
  answer: { question: string; context: string; text: string; score: number };
}

function tableOf(run: RunOutcome, caption: RegExp) {
  const t = run.outputs.find((o) => o.kind === 'table' && caption.test(o.caption ?? ''));
  if (t?.kind !== 'table') throw new Error(`the playground printed no table captioned ${caption}`);
  return t;
}
function checked(run: RunOutcome, what: string): RunOutcome {
  if (run.error) throw new Error(`${what}: ${run.error.message}`);
  return run;
}

/** Runs the fill-mask and question-answering playgrounds on `models` and reads what they show. */
export async function measureTruth(models = { fillMask: 'Xenova/bert-base-uncased', questionAnswering: 'Xenova/distilbert-base-uncased-distilled-squad' }): Promise<Truth> {
  const dtype = 'q8';
  const tokenizer = await AutoTokenizer.from_pretrained(models.fillMask);
  const position = tokenizer.tokenize(SENTENCE_A, { pair: SENTENCE_B, add_special_tokens: true }).indexOf('simple');
  const fill = checked(
    await runPlaygroundFile('bert/fill-mask.ts', { params: { model: models.fillMask, dtype, sentenceA: SENTENCE_A, sentenceB: SENTENCE_B, maskAt: position, yourSentence: CAPITAL } }),
    'fill-mask',
  );
  const bars = fill.outputs.filter((o) => o.kind === 'chart' && o.spec.kind === 'bar');
  const data = (id: string) => (fill.outputs.filter((o) => o.kind === 'chart-data' && o.id === id).at(-1) as { data: [number, number][][] }).data[0]!;
  const first = bars[0]!;
  if (first.kind !== 'chart' || !first.spec.categories) throw new Error('fill-mask: no bar chart for the sentence pair');
  const categories = first.spec.categories;
  const maskedSimple = { position, guesses: data(first.id).map(([, p], i) => ({ token: categories[i]!, probability: p })) };
  const capital = tableOf(fill, /capital of France/).rows.map((r) => ({ token: String(r[2]), probability: Number(r[3]) }));

  const qa = checked(
    await runPlaygroundFile('bert/question-answering.ts', { params: { model: models.questionAnswering, dtype, context: SENTENCE_A, question: SENTENCE_B } }),
    'question answering',
  );
  const span = tableOf(qa, /best span/).rows[0]!;
  return {
    measured: true,
    measuredAt: new Date().toISOString(),
    models: { ...models, dtype },
    maskedSimple,
    capital,
    answer: { question: SENTENCE_B, context: SENTENCE_A, text: String(span[1]), score: Number(span[3]) },
  };
}

/** What the chapter relies on and the models contradict; empty when all holds. */
export function truthFailures(truth: Truth): string[] {
  const failures: string[] = [];
  if (truth.capital[0]?.token !== 'paris') failures.push(`"${CAPITAL}": the top prediction is "${truth.capital[0]?.token}", not "paris"`);
  const words = (s: string) => s.toLowerCase().replace(/\s*([,.?!])\s*/g, '$1 ').replace(/\s+/g, ' ').trim();
  if (!truth.answer.text.trim()) failures.push('the question-answering span is empty');
  else if (!words(truth.answer.context).includes(words(truth.answer.text))) failures.push(`the answer "${truth.answer.text}" is not a span of the context`);
  return failures;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { write: { type: 'boolean', default: false }, fixtures: { type: 'boolean', default: false } } });
  if (values.fixtures && values.write) throw new Error('--write with --fixtures would publish a random test model as the real one');
  env.useFSCache = !values.fixtures;
  if (values.fixtures) {
    env.allowRemoteModels = false;
    env.localModelPath = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url));
  } else if (process.env.BERT_MODELS_DIR) {
    env.allowRemoteModels = false;
    env.localModelPath = `${process.env.BERT_MODELS_DIR.replace(/\/$/, '')}/`;
  }
  const truth = await measureTruth(values.fixtures ? { fillMask: 'tiny-bert', questionAnswering: 'tiny-bert-squad' } : undefined);
  console.log(JSON.stringify(truth, null, 2));
  const failures = truthFailures(truth);
  for (const f of failures) console.error(`course truth, chapter 7: ${f}`);
  if (values.write && !failures.length) await writeFile(TRUTH_FILE, `${JSON.stringify(truth, null, 2)}\n`);
  process.exit(failures.length ? 1 : 0);
}
