/**
 * The tiny BERT fixture (scripts/fixtures/make-tiny-bert.ts) through Transformers.js in
 * Node with remote models disabled: the tokenizer follows the fixture's vocabulary, and
 * course.models.fillMask returns what a plain-loop BERT forward pass over the ONNX
 * file's own weights predicts.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setHost } from '../../src/course/host.ts';
import { createNodeHost, type NodeHost } from '../../src/course/hosts/node.ts';
import { fillMask } from '../../src/course/models/bert.ts';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const modelDir = `${fixtures}tiny-bert/`;
const vocab = JSON.parse(readFileSync(`${modelDir}tokenizer.json`, 'utf8')).model.vocab as Record<string, number>;
const config = JSON.parse(readFileSync(`${modelDir}config.json`, 'utf8'));
const idToToken = Object.fromEntries(Object.entries(vocab).map(([t, i]) => [i, t]));

let host: NodeHost;
beforeAll(() => {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = fixtures;
  env.useFSCache = false;
  host = createNodeHost({ assetDir: fixtures });
  setHost(host);
});
afterAll(() => setHost(undefined));

// --- An independent BERT forward pass in plain loops over the ONNX initializers. ---
const weights = new Map<string, Float32Array>();
for (const t of onnxProto.onnx.ModelProto.decode(readFileSync(`${modelDir}onnx/model.onnx`)).graph?.initializer ?? []) {
  if (t.dataType !== onnxProto.onnx.TensorProto.DataType.FLOAT || !t.name || !t.rawData?.length) continue;
  const raw = new Uint8Array(t.rawData); // a copy: protobufjs hands out Buffer views at odd offsets
  weights.set(t.name, new Float32Array(raw.buffer));
}
const w = (name: string) => {
  const found = weights.get(name);
  if (!found) throw new Error(`tiny-bert/onnx/model.onnx has no initializer ${name}`);
  return found;
};
const H: number = config.hidden_size;
const NH: number = config.num_attention_heads;

function erf(x: number): number {
  // Abramowitz & Stegun 7.1.26, |error| < 1.5e-7.
  const s = Math.sign(x), a = Math.abs(x), t = 1 / (1 + 0.3275911 * a);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-a * a);
  return s * y;
}
const gelu = (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2));
function dense(x: number[][], prefix: string, inDim: number, outDim: number): number[][] {
  const k = w(`${prefix}.weight`), b = w(`${prefix}.bias`);
  if (k.length !== inDim * outDim) throw new Error(`${prefix}.weight has ${k.length} values, expected ${inDim}x${outDim}`);
  return x.map((row) => Array.from({ length: outDim }, (_, o) => row.reduce((s, v, i) => s + v * k[i * outDim + o], b[o])));
}
function layerNorm(x: number[][], prefix: string): number[][] {
  const g = w(`${prefix}.weight`), b = w(`${prefix}.bias`);
  return x.map((row) => {
    const mean = row.reduce((a, v) => a + v, 0) / row.length;
    const variance = row.reduce((a, v) => a + (v - mean) ** 2, 0) / row.length;
    return row.map((v, i) => ((v - mean) / Math.sqrt(variance + config.layer_norm_eps)) * g[i] + b[i]);
  });
}
const add = (a: number[][], b: number[][]) => a.map((row, i) => row.map((v, j) => v + b[i][j]));
const softmax = (v: number[]) => {
  const m = Math.max(...v), e = v.map((x) => Math.exp(x - m)), s = e.reduce((a, x) => a + x, 0);
  return e.map((x) => x / s);
};

/** Logits [seq][vocab] for one unpadded sequence of token ids. */
function referenceLogits(ids: number[]): number[][] {
  const word = w('bert.embeddings.word_embeddings.weight'), pos = w('bert.embeddings.position_embeddings.weight'), type = w('bert.embeddings.token_type_embeddings.weight');
  let x = ids.map((id, p) => Array.from({ length: H }, (_, i) => word[id * H + i] + pos[p * H + i] + type[i]));
  x = layerNorm(x, 'bert.embeddings.LayerNorm');
  const att = 'bert.encoder.layer.0.attention';
  const q = dense(x, `${att}.self.query`, H, H), k = dense(x, `${att}.self.key`, H, H), v = dense(x, `${att}.self.value`, H, H);
  const dh = H / NH;
  const ctx = x.map(() => new Array<number>(H).fill(0));
  for (let h = 0; h < NH; h++) {
    for (let i = 0; i < ids.length; i++) {
      const p = softmax(ids.map((_, j) => {
        let s = 0;
        for (let d = 0; d < dh; d++) s += q[i][h * dh + d] * k[j][h * dh + d];
        return s / Math.sqrt(dh);
      }));
      for (let d = 0; d < dh; d++) ctx[i][h * dh + d] = p.reduce((s, pj, j) => s + pj * v[j][h * dh + d], 0);
    }
  }
  x = layerNorm(add(x, dense(ctx, `${att}.output.dense`, H, H)), `${att}.output.LayerNorm`);
  const inter = dense(x, 'bert.encoder.layer.0.intermediate.dense', H, config.intermediate_size).map((r) => r.map(gelu));
  x = layerNorm(add(x, dense(inter, 'bert.encoder.layer.0.output.dense', config.intermediate_size, H)), 'bert.encoder.layer.0.output.LayerNorm');
  const t = layerNorm(dense(x, 'cls.predictions.transform.dense', H, H).map((r) => r.map(gelu)), 'cls.predictions.transform.LayerNorm');
  const bias = w('cls.predictions.bias');
  return t.map((row) => Array.from({ length: config.vocab_size }, (_, o) => row.reduce((s, val, i) => s + val * word[o * H + i], bias[o])));
}

describe('tiny BERT fixture in Transformers.js (Node, no network)', () => {
  it('is small enough to commit', () => {
    const size = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx'].reduce((s, f) => s + statSync(modelDir + f).size, 0);
    expect(size).toBeLessThan(1_000_000);
  });

  it('tokenizes with the fixture vocabulary: lower case, punctuation split, ## word pieces, [UNK]', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained('tiny-bert');
    const text = 'The dogs WALKED in Paris, running unhappy!';
    // "unhappy" has "un" but no "##happy" piece: WordPiece makes the whole word [UNK].
    const expected = ['the', 'dog', '##s', 'walk', '##ed', 'in', 'paris', ',', 'run', '##ning', '[UNK]', '!'];
    expect(tokenizer.tokenize(text)).toEqual(expected);
    const ids = tokenizer(text).input_ids.tolist()[0].map(Number);
    expect(ids).toEqual(['[CLS]', ...expected, '[SEP]'].map((t) => vocab[t]));
    expect(tokenizer.decode(ids, { skip_special_tokens: true })).toBe('the dogs walked in paris, running!'); // [UNK] is a special token too
  });

  it('fill-mask: sorted top-k whose scores match a plain-loop BERT over the same weights', async () => {
    const unmasker = await fillMask('tiny-bert', { dtype: 'fp32' });
    const sentence = 'the cat sat on the [MASK].';
    const out = await unmasker(sentence, { top_k: 5 });
    expect(out).toHaveLength(5);
    const scores = out.map((o) => o.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-6);
    for (const o of out) {
      expect(o.token_str).toBe(idToToken[o.token]);
      expect(o.sequence).toContain('the cat sat on the');
    }

    const ids = ['[CLS]', 'the', 'cat', 'sat', 'on', 'the', '[MASK]', '.', '[SEP]'].map((t) => vocab[t]);
    const probs = softmax(referenceLogits(ids)[6]);
    const expectedTop = probs.map((p, id) => ({ id, p })).sort((a, b) => b.p - a.p).slice(0, 5);
    expect(out.map((o) => o.token)).toEqual(expectedTop.map((e) => e.id));
    out.forEach((o, i) => expect(o.score).toBeCloseTo(expectedTop[i].p, 4));

    // The whole download went through one byte progress bar.
    const bars = host.outputs.filter((o) => o.kind === 'progress');
    expect(bars.length).toBeGreaterThan(0);
    const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'].reduce((s, f) => s + statSync(modelDir + f).size, 0);
    expect(bars.at(-1)).toMatchObject({ unit: 'bytes', value: files, total: files });
    await unmasker.dispose();
  });

  it('the attention mask hides padding: a padded batch gives the unpadded answers', async () => {
    const unmasker = await fillMask('tiny-bert', { dtype: 'fp32', progress: false });
    const short = 'a [MASK] is happy.';
    const long = 'i love the dog in the park , you love the [MASK] of paris .';
    const alone = await unmasker(short, { top_k: 3 });
    const batch = (await unmasker([short, long], { top_k: 3 })) as unknown as (typeof alone)[];
    expect(batch[0].map((o) => o.token)).toEqual(alone.map((o) => o.token));
    batch[0].forEach((o, i) => expect(o.score).toBeCloseTo(alone[i].score, 5));
    await unmasker.dispose();
  });

  it("the uint8 variant (Transformers.js' default 'q8' in the browser) predicts like fp32", async () => {
    const sentence = 'paris is the [MASK] of france.';
    const [fp32, q8] = await Promise.all(
      (['fp32', 'q8'] as const).map(async (dtype) => {
        const unmasker = await fillMask('tiny-bert', { dtype, progress: false });
        // Every token's probability: with random weights some of them nearly tie, so the
        // order of a top 5 can differ by rounding while every probability stays close.
        const out = await unmasker(sentence, { top_k: config.vocab_size });
        await unmasker.dispose();
        return new Map(out.map((o) => [o.token, o.score]));
      }),
    );
    expect(q8.size).toBe(config.vocab_size);
    expect([...q8.keys()][0]).toBe([...fp32.keys()][0]);
    for (const [token, score] of fp32) expect(Math.abs(q8.get(token)! - score)).toBeLessThan(0.02);
    expect([...fp32].some(([token, score]) => q8.get(token) !== score)).toBe(true);
  });
});
