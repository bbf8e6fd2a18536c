/**
 * Chapter 7 (BERT with Transformers.js): every playground runs in Node on the tiny BERT
 * fixtures (scripts/fixtures/make-tiny-bert.ts) with remote models off, and what it
 * shows is checked against values computed here independently: tokens from the
 * fixture's vocabulary, fill-mask against the Transformers.js pipeline, PCA against a
 * direct eigen-decomposition, the QA span against the question-answering pipeline.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../src/runner/protocol.ts';
import { setHost } from '../../src/course/host.ts';
import { createNodeHost } from '../../src/course/hosts/node.ts';
import { fillMask } from '../../src/course/models/bert.ts';
import { runPlaygroundFile, runPlaygroundSource, type RunOutcome } from './harness.ts';
import { CAPITAL, measureTruth, SENTENCE_A, truthFailures } from '../../scripts/reference/bert-truth.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const vocab = JSON.parse(readFileSync(`${fixtures}tiny-bert/tokenizer.json`, 'utf8')).model.vocab as Record<string, number>;
const HIDDEN = JSON.parse(readFileSync(`${fixtures}tiny-bert/config.json`, 'utf8')).hidden_size as number;
const TINY = { model: 'tiny-bert' };

type Table = Extract<Output, { kind: 'table' }>;
type Chart = Extract<Output, { kind: 'chart' }>;
const tables = (run: RunOutcome) => run.outputs.filter((o): o is Table => o.kind === 'table');
const tableTitled = (run: RunOutcome, caption: RegExp) => {
  const t = tables(run).find((o) => caption.test(o.caption ?? ''));
  if (!t) throw new Error(`no table captioned ${caption}; captions: ${tables(run).map((o) => o.caption).join(' | ')}`);
  return t;
};
const charts = (run: RunOutcome, kind: string) => run.outputs.filter((o): o is Chart => o.kind === 'chart' && o.spec.kind === kind);
/** The [x, y] points a chart received, per series. */
const chartData = (run: RunOutcome, id: string) => {
  const data = run.outputs.filter((o) => o.kind === 'chart-data' && o.id === id);
  return (data.at(-1) as { data: [number, number][][] }).data;
};
function expectClean(run: RunOutcome): void {
  expect(run.error).toBeUndefined();
  expect(run.summary.tensorsAfter - run.summary.tensorsBefore).toBeLessThanOrEqual(0);
}
const fixtureNotes = (run: RunOutcome) => run.outputs.filter((o) => o.kind === 'html-note' && o.tone === 'warning' && /random weights/.test(o.text));

/** BERT's uncased basic tokenizer and WordPiece, written from their definitions, over the fixture's vocabulary. */
function wordPiece(text: string): string[] {
  const words = text.toLowerCase().split(/\s+/).flatMap((w) => w.split(/([!-/:-@[-`{-~])/)).filter(Boolean);
  return words.flatMap((word) => {
    const pieces: string[] = [];
    for (let start = 0; start < word.length; ) {
      let end = word.length;
      while (end > start && !((start ? '##' : '') + word.slice(start, end) in vocab)) end--;
      if (end === start) return ['[UNK]'];
      pieces.push((start ? '##' : '') + word.slice(start, end));
      start = end;
    }
    return pieces;
  });
}

beforeAll(() => {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = fixtures;
  env.useFSCache = false;
});

describe('chapter 7: BERT with Transformers.js', () => {
  it('one-hot vectors and an embedding lookup give the same rows; the sizes at BERT scale', async () => {
    const run = await runPlaygroundFile('bert/one-hot.ts');
    expectClean(run);
    const oneHot = tableTitled(run, /One-hot vectors/);
    expect(oneHot.rows).toHaveLength(9);
    for (const row of oneHot.rows) expect(row.map(Number).reduce((a, b) => a + b)).toBe(1);
    expect(run.logs).toContain('Lookup by id and one-hot times the table differ by at most 0: the same numbers.');
    const sizes = tableTitled(run, /bert-base-uncased/);
    expect(sizes.rows.map((r) => r[1])).toEqual(['610,440', '15,360', '23,440,896']);
  });

  it('tokenizes the course pair as WordPiece over the fixture vocabulary says: pieces, ids, segments, attention mask', async () => {
    const a = 'I understand equations, both the simple and quadratical.';
    const b = 'What kind of equations do I understand?';
    const run = await runPlaygroundFile('bert/tokens.ts', { params: { ...TINY, yourText: 'the rainy weather, unhappy' } });
    expectClean(run);
    expect(fixtureNotes(run)).toHaveLength(1);
    const [pa, pb] = [wordPiece(a), wordPiece(b)];
    expect(pa).toContain('##ratic'); // quadratical is not in the vocabulary: it is split, not [UNK]
    const tokens = ['[CLS]', ...pa, '[SEP]', ...pb, '[SEP]'];
    const chipRows = run.outputs.filter((o): o is Extract<Output, { kind: 'chips' }> => o.kind === 'chips');
    expect(chipRows[0]!.chips.map((c) => c.text)).toEqual(tokens);
    expect(chipRows[0]!.chips.map((c) => c.note)).toEqual(tokens.map((t) => String(vocab[t])));
    expect(chipRows[0]!.chips.filter((c) => c.tone === 'accent').map((c) => c.text)).toEqual(['[CLS]', '[SEP]', '[SEP]']);
    expect(chipRows[0]!.chips.filter((c) => c.tone === 'muted').map((c) => c.text)).toEqual(tokens.filter((t) => t.startsWith('##')));
    expect(chipRows[1]!.chips.map((c) => c.text)).toEqual(['the', 'rain', '##y', 'weather', ',', '[UNK]']);
    const pair = tableTitled(run, /sentence pair: one column/);
    const rows = Object.fromEntries(pair.rows.map((r) => [r[0], r.slice(1)]));
    expect(rows['token']).toEqual(tokens);
    expect(rows['id']).toEqual(tokens.map((t) => vocab[t]));
    expect(rows['segment (token type)']).toEqual(tokens.map((_, i) => (i < pa.length + 2 ? 0 : 1)));
    expect(rows['attention mask']).toEqual(tokens.map(() => 1));
    const words = tableTitled(run, /word by word/);
    expect(words.rows.map((r) => r[1])).toEqual(['the', 'rain ##y', 'weather ,', '[UNK]']);
    expect(run.logs).toContain('4 words became 6 tokens, 1 of them [UNK].');
    const batch = tableTitled(run, /padded batch/);
    const mask2 = batch.rows[3]!.slice(1).map(Number);
    expect(mask2).toEqual([...Array(8).fill(1), ...Array(3).fill(0)]); // [CLS] + 6 tokens + [SEP], then padding
  });

  it('fill-mask: the chosen token is masked, 5 guesses in descending order as the pipeline gives them', async () => {
    const sentence = 'paris is the [MASK] of france.';
    const run = await runPlaygroundFile('bert/fill-mask.ts', { params: { ...TINY, maskAt: 8, yourSentence: sentence } });
    expectClean(run);
    expect(run.logs).toContain('Masked token 8 ("simple"): [CLS] i understand equation ##s , both the [MASK] and quad ##ratic ##al . [SEP] what kind of equation ##s do i understand ? [SEP]');
    const [pairChart, yoursChart] = charts(run, 'bar');
    for (const chart of [pairChart!, yoursChart!]) {
      const values = chartData(run, chart.id)[0]!.map(([, y]) => y);
      expect(values).toHaveLength(5);
      expect(values).toEqual([...values].sort((x, y) => y - x));
      expect(values.reduce((x, y) => x + y)).toBeLessThanOrEqual(1 + 1e-6);
    }
    expect(run.logs.some((l) => /^The original "simple" (came back|is guess number|is not among)/.test(l))).toBe(true);
    // The reader's sentence: what Transformers.js' own fill-mask pipeline says (q8, as the playground's default).
    const host = createNodeHost({ assetDir: fixtures });
    setHost(host);
    const unmasker = await fillMask('tiny-bert', { dtype: 'q8', progress: false });
    const expected = await unmasker(sentence, { top_k: 5 });
    await unmasker.dispose();
    setHost(undefined);
    const yours = tableTitled(run, /paris is the/);
    expect(yours.rows.map((r) => r[2])).toEqual(expected.map((e) => e.token_str));
    yours.rows.forEach((r, i) => expect(Number(r[3])).toBeCloseTo(expected[i]!.score, 3));
  });

  it('fill-mask: a sentence without [MASK] and a position that cannot be masked get clear messages', async () => {
    const noMask = await runPlaygroundFile('bert/fill-mask.ts', { params: { ...TINY, maskAt: 2, yourSentence: 'no mask here' } });
    expect(noMask.error?.message).toMatch(/^Your sentence has no \[MASK\]: put it where BERT should guess a word/);
    const special = await runPlaygroundFile('bert/fill-mask.ts', { params: { ...TINY, maskAt: 14 } });
    expect(special.error?.message).toMatch(/^RangeError: Token 14 can't be masked: choose one of 1, 2, .* \(0 picks one at random\)\.$/);
  });

  it('q8 and fp32 give nearly the same probabilities on the same input', async () => {
    const run = await runPlaygroundFile('bert/dtypes.ts', { params: TINY });
    expectClean(run);
    const t = tableTitled(run, /fp32's top 5/);
    expect(t.rows).toHaveLength(5);
    for (const row of t.rows) expect(Math.abs(Number(row[4]))).toBeLessThan(0.02);
    const line = run.logs.find((l) => l.startsWith('Over all 82 tokens the probabilities differ by at most'));
    expect(line).toBeDefined();
    const largest = Number(/at most ([\d.]+)/.exec(line!)![1]);
    expect(largest).toBeGreaterThan(0); // really two different files
    expect(largest).toBeLessThan(0.02);
  });

  it('embeddings have the hidden size; a word compared with itself has cosine 1', async () => {
    const run = await runPlaygroundFile('bert/embeddings.ts', { params: TINY });
    expectClean(run);
    expect(run.logs).toContain(`"We sat on the bank of the river.": 11 tokens, ${HIDDEN} numbers each.`);
    const strip = run.outputs.find((o) => o.kind === 'images') as Extract<Output, { kind: 'images' }>;
    expect([strip.items[0]!.width, strip.items[0]!.height]).toEqual([HIDDEN, 11]); // 16 numbers: drawn 48 times as large, one row per token
    const cosines = tableTitled(run, /Cosine similarity of the vectors of "bank"/);
    expect(cosines.rows).toHaveLength(4);
    cosines.rows.forEach((row, i) => {
      expect(Number(row[i + 1])).toBeCloseTo(1, 5);
      row.slice(1).forEach((v, j) => expect(Number(v)).toBeCloseTo(Number(cosines.rows[j]![i + 1]), 6));
    });
  });

  it('the sentence heatmap: symmetric, 1 on the diagonal', async () => {
    const run = await runPlaygroundFile('bert/similarity.ts', { params: TINY });
    expectClean(run);
    const t = tableTitled(run, new RegExp(`${HIDDEN}-number sentence vectors`));
    expect(t.rows).toHaveLength(6);
    t.rows.forEach((row, i) => {
      expect(Number(row[i + 1])).toBeCloseTo(1, 3);
      row.slice(1).forEach((v, j) => expect(Number(v)).toBeCloseTo(Number(t.rows[j]![i + 1]), 3));
    });
    expect(run.logs.some((l) => /^Most alike: sentences \d and \d/.test(l))).toBe(true);
  });

  it("the playground's PCA recovers the main axis of known points", async () => {
    const source = await readFile(new URL('../../playgrounds/bert/pca.ts', import.meta.url), 'utf8');
    const pca = /\nfunction pca\([\s\S]*?\n}\n/.exec(source)![0];
    // 200 points along (3, 4)/5 with a spread of 10, plus a little noise across it (0.5), in 3-D.
    const probe = `import * as tf from '@tensorflow/tfjs';\nimport { log } from 'course';\n${pca}
const t = tf.linspace(-10, 10, 200);
const noise = tf.randomNormal([200], 0, 0.5, 'float32', 3);
const points = tf.stack([t.mul(0.6).add(noise.mul(0.8)), t.mul(0.8).sub(noise.mul(0.6)), tf.zeros([200])], 1) as tf.Tensor2D;
const { projected, explained } = pca(points, 2, 50);
log(JSON.stringify({ axis: await tf.tidy(() => tf.linalg.qr(tf.matMul(points.sub(points.mean(0)), projected, true, false))[0]).array(), explained: Array.from(await explained.data()) }));`;
    const run = await runPlaygroundSource(probe);
    expect(run.error).toBeUndefined();
    const { axis, explained } = JSON.parse(run.logs[0]!) as { axis: number[][]; explained: number[] };
    // The first direction is (0.6, 0.8, 0), up to its sign.
    const first = axis.map((r) => r[0]!);
    const sign = Math.sign(first[0]!);
    [0.6, 0.8, 0].forEach((v, i) => expect(sign * first[i]!).toBeCloseTo(v, 2));
    // Variance along t: 10^2/3 * 200/199 ~ 34.2 of a total of that plus 0.25.
    expect(explained[0]!).toBeGreaterThan(0.99);
    expect(explained[0]! + explained[1]!).toBeCloseTo(1, 4);
  });

  it('the word map: 15 words in 3 groups, the components as a direct eigen-decomposition gives them', async () => {
    const run = await runPlaygroundFile('bert/pca.ts', { params: TINY });
    expectClean(run);
    const [chart] = charts(run, 'scatter');
    const series = chartData(run, chart!.id);
    expect(series.map((s) => s.length)).toEqual([5, 5, 5]);
    // Direct computation: the same word vectors, their covariance, its eigenvectors by Jacobi rotations.
    const host = createNodeHost({ assetDir: fixtures });
    setHost(host);
    const extractor = await pipeline('feature-extraction', 'tiny-bert', { dtype: 'q8' });
    const words = ['cat', 'dog', 'horse', 'cow', 'mouse', 'apple', 'banana', 'orange', 'pear', 'grape', 'france', 'germany', 'japan', 'italy', 'spain'];
    const out = await extractor(words, { pooling: 'mean', normalize: true });
    await extractor.dispose();
    setHost(undefined);
    const d = out.dims[1]!;
    const x = words.map((_, i) => Array.from((out.data as Float32Array).subarray(i * d, (i + 1) * d)));
    const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
    const c = x.map((r) => r.map((v, j) => v - mean[j]!));
    const cov = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => c.reduce((s, r) => s + r[a]! * r[b]!, 0) / (x.length - 1)));
    const { values, vectors } = jacobiEigen(cov);
    const order = values.map((v, i) => [v, i] as const).sort((p, q) => q[0] - p[0]).map(([, i]) => i);
    const got = series.flat();
    for (const k of [0, 1]) {
      const v = vectors.map((r) => r[order[k]!]!);
      const direct = c.map((r) => r.reduce((s, val, j) => s + val * v[j]!, 0));
      const sign = Math.sign(direct[0]!) * Math.sign(got[0]![k]!);
      direct.forEach((p, i) => expect(sign * got[i]![k]!).toBeCloseTo(p, 3));
    }
    const total = values.reduce((a, b) => a + b);
    expect(run.logs.at(-1)).toBe(
      `The two components hold ${((values[order[0]!]! / total) * 100).toFixed(1)}% and ${((values[order[1]!]! / total) * 100).toFixed(1)}% of the spread of the ${d}-number vectors; the picture leaves out the rest.`,
    );
  });

  it('question answering: a span inside the context, the one the question-answering pipeline picks', async () => {
    const context = 'I understand equations, both the simple and quadratical.';
    const question = 'What kind of equations do I understand?';
    const run = await runPlaygroundFile('bert/question-answering.ts', { params: { model: 'tiny-bert-squad' } });
    expectClean(run);
    const [chart] = charts(run, 'bar');
    expect(chart!.spec.series).toEqual(['start', 'end']);
    expect(chart!.spec.categories).toEqual(wordPiece(context));
    for (const s of chartData(run, chart!.id)) expect(s.reduce((a, [, y]) => a + y, 0)).toBeCloseTo(1, 4);
    const t = tableTitled(run, /best span/);
    const [answer, score] = [String(t.rows[0]![1]), Number(t.rows[0]![3])];
    expect(answer.length).toBeGreaterThan(0);
    expect(context.toLowerCase().replace(/\s+/g, ' ')).toContain(answer.replace(/ ([,.?])/g, '$1'));
    const host = createNodeHost({ assetDir: fixtures });
    setHost(host);
    const qa = await pipeline('question-answering', 'tiny-bert-squad', { dtype: 'q8' });
    const expected = (await qa(question, context)) as { answer: string; score: number };
    await qa.dispose();
    setHost(undefined);
    expect(answer).toBe(expected.answer);
    // The pipeline's softmax also gives [CLS] a share (models trained on SQuAD 2 answer "no
    // answer" there), which the playground leaves out: the same span, a score no lower.
    expect(score).toBeGreaterThanOrEqual(expected.score - 1e-4);
    expect(score).toBeLessThan(expected.score * 1.5);
  });

  it('a model the site does not serve: one message naming the model and the file, no library stack', async () => {
    const run = await runPlaygroundFile('bert/question-answering.ts', { params: { model: 'Xenova/distilbert-base-uncased-distilled-squad' } });
    expect(run.error?.message).toBe(
      'Could not load the model "Xenova/distilbert-base-uncased-distilled-squad": this site does not serve its file config.json, and this deployment does not download models from the Hugging Face hub. Choose a model the site serves, or mirror this one into it (docs/models.md).',
    );
    // A tokenizer alone (the tokens playground) fails differently inside Transformers.js, with the same kind of message.
    const tokens = await runPlaygroundFile('bert/tokens.ts', { params: { model: 'Xenova/bert-base-uncased' } });
    expect(tokens.error?.message).toMatch(/^Could not load the model "Xenova\/bert-base-uncased": its tokenizer_config.json was not found/);
    expect(run.error?.stack?.split('\n').slice(1).every((frame) => frame.includes('bert/question-answering.ts'))).toBe(true);
  });

  it('from a hub (a local server in its layout): the size is announced first; a missing file and an unreachable hub each give one message', async () => {
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      // The hub's layout: <model>/resolve/<revision>/<file>.
      const m = /^\/([^/]+)\/resolve\/main\/(.+)$/.exec(req.url ?? '');
      seen.push(`${req.headers.range ? 'range' : 'get'} ${m?.[2]}`);
      let body: Buffer;
      try {
        body = readFileSync(`${fixtures}${m![1]}/${m![2]}`);
      } catch {
        res.writeHead(404).end('Entry not found');
        return;
      }
      res.writeHead(200, { 'content-length': body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hub = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    // In Node, ONNX Runtime loads a downloaded model from Transformers.js' file cache.
    const cacheDir = await mkdtemp(join(tmpdir(), 'chapter7-hub-'));
    Object.assign(env, { allowLocalModels: false, allowRemoteModels: true, remoteHost: hub, useFSCache: true, cacheDir });
    try {
      const run = await runPlaygroundFile('bert/question-answering.ts', { params: { model: 'tiny-bert-squad' } });
      expectClean(run);
      const sizes = ['config.json', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json'].map((f) => statSync(`${fixtures}tiny-bert-squad/${f}`).size);
      const total = `${(sizes.reduce((a, b) => a + b) / 1e3).toFixed(1)} kB`;
      const note = run.outputs.findIndex((o) => o.kind === 'html-note' && o.tone === 'info' && o.text.startsWith('tiny-bert-squad (q8): 4 files to download, '));
      expect(note, JSON.stringify(run.outputs.filter((o) => o.kind === 'html-note'))).toBeGreaterThanOrEqual(0);
      expect((run.outputs[note] as { text: string }).text).toContain(`4 files to download, ${total} (onnx/model_quantized.onnx: `);
      // Announced before the weights were downloaded.
      expect(seen.indexOf('get onnx/model_quantized.onnx')).toBeGreaterThan(seen.indexOf('range onnx/model_quantized.onnx'));
      expect(note).toBeLessThan(run.outputs.findIndex((o) => o.kind === 'chart'));

      const gone = await runPlaygroundFile('bert/fill-mask.ts', { params: { model: 'nobody/nothing' } });
      expect(gone.error?.message).toBe('Could not load the model "nobody/nothing": the hub has no file config.json for it (404). Check the model id, or try another dtype.');

      await new Promise<void>((resolve) => server.close(() => resolve()));
      const offline = await runPlaygroundFile('bert/fill-mask.ts', { params: { model: 'tiny-bert' } });
      expect(offline.error?.message).toMatch(/^Could not load the model "tiny-bert": its files could not be downloaded\. The browser may be offline, or something blocked the request/);
    } finally {
      server.close();
      Object.assign(env, { allowLocalModels: true, allowRemoteModels: false, remoteHost: 'https://huggingface.co/', useFSCache: false });
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it("the deploy's course-truth script reads the playgrounds' outputs, and fails when the models contradict the chapter", async () => {
    const truth = await measureTruth({ fillMask: 'tiny-bert', questionAnswering: 'tiny-bert-squad' });
    expect(truth.maskedSimple.position).toBe(8);
    expect(truth.maskedSimple.guesses).toHaveLength(5);
    expect(truth.capital).toHaveLength(5);
    expect(truth.capital.map((g) => g.probability)).toEqual([...truth.capital.map((g) => g.probability)].sort((a, b) => b - a));
    expect(truth.answer.text.length).toBeGreaterThan(0);
    expect(truth.models.dtype).toBe('q8');
    const good = { ...truth, capital: [{ token: 'paris', probability: 0.4 }], answer: { ...truth.answer, text: 'simple and quadratical' } };
    expect(truthFailures(good)).toEqual([]);
    expect(truthFailures({ ...good, capital: [{ token: 'lyon', probability: 0.4 }] })).toEqual([`"${CAPITAL}": the top prediction is "lyon", not "paris"`]);
    expect(truthFailures({ ...good, answer: { ...good.answer, text: ' ' } })).toEqual(['the question-answering span is empty']);
    expect(truthFailures({ ...good, answer: { ...good.answer, text: 'linear equations' } })).toEqual(['the answer "linear equations" is not a span of the context']);
    expect(truthFailures({ ...good, answer: { ...good.answer, text: 'equations , both the simple' } })).toEqual([]); // decoded tokens space out punctuation
    expect(good.answer.context).toBe(SENTENCE_A);
  });
});

/** Eigenvalues and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations. */
function jacobiEigen(m: number[][]): { values: number[]; vectors: number[][] } {
  const n = m.length;
  const a = m.map((r) => [...r]);
  const v: number[][] = a.map((_, i) => a.map((_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p]![q]!) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * a[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1), sin = t * cos;
        for (let k = 0; k < n; k++) {
          const [akp, akq] = [a[k]![p]!, a[k]![q]!];
          a[k]![p] = cos * akp - sin * akq;
          a[k]![q] = sin * akp + cos * akq;
        }
        for (let k = 0; k < n; k++) {
          const [apk, aqk] = [a[p]![k]!, a[q]![k]!];
          a[p]![k] = cos * apk - sin * aqk;
          a[q]![k] = sin * apk + cos * aqk;
        }
        for (let k = 0; k < n; k++) {
          const [vkp, vkq] = [v[k]![p]!, v[k]![q]!];
          v[k]![p] = cos * vkp - sin * vkq;
          v[k]![q] = sin * vkp + cos * vkq;
        }
      }
    }
  }
  return { values: a.map((r, i) => r[i]!), vectors: v };
}
afterAll(() => setHost(undefined));
