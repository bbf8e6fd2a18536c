/**
 * The example playgrounds run through the same transpile + execute path as the browser
 * worker, on TF.js WASM (and CPU), and produce what a reader should see.
 */
import { describe, expect, it } from 'vitest';
import { runPlaygroundFile, runPlaygroundSource } from './harness.ts';
import type { InputRequest, InputValue, Output } from '../../src/runner/protocol.ts';
import { memoryModelStore, type ModelStore } from '../../src/course/model-store.ts';
import { hashCode } from '../../src/lib/hash.ts';

function ofKind<K extends Output['kind']>(outputs: Output[], kind: K): Extract<Output, { kind: K }>[] {
  return outputs.filter((o): o is Extract<Output, { kind: K }> => o.kind === kind);
}

describe('examples/tensor-print.ts', () => {
  it('prints tensors readably and leaves no tensors behind', async () => {
    const r = await runPlaygroundFile('examples/tensor-print.ts');
    expect(r.error).toBeUndefined();
    expect(r.logs).toEqual([
      'a * 2 = Tensor float32 [2, 3]\n[[ 2,  4,  6],\n [ 8, 10, 12]]',
      'a range: Tensor float32 [100]\n[ 0,  1,  2, ..., 97, 98, 99]',
    ]);
    expect(ofKind(r.outputs, 'table')[0]).toEqual({ kind: 'table', caption: 'What ran', columns: ['backend', 'elements'], rows: [['wasm', 6]] });
    expect(r.summary.tensorsAfter).toBe(r.summary.tensorsBefore);
  });
});

describe('examples/tiny-fit.ts', () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    it(`learns y = 2x - 1 on ${backend}: the loss falls and the live charts get every point`, async () => {
      const epochs = 30;
      const r = await runPlaygroundFile('examples/tiny-fit.ts', { backend, params: { epochs } });
      expect(r.error).toBeUndefined();
      expect(r.summary.backend).toBe(backend);
      const [first, last] = r.logs.at(-1)!.match(/[\d.]+/g)!.map(Number);
      expect(last!).toBeLessThan(first! / 4);
      const [batchChart, epochChart] = ofKind(r.outputs, 'chart');
      expect(epochChart!.spec.series).toEqual(['loss']);
      const points = (id: string) => ofKind(r.outputs, 'chart-points').filter((p) => p.id === id).flatMap((p) => p.points);
      expect(points(epochChart!.id)).toHaveLength(epochs);
      expect(points(batchChart!.id)).toHaveLength(epochs * 3); // 6 samples, batch size 2
      const bar = ofKind(r.outputs, 'progress').at(-1)!;
      expect([bar.value, bar.total]).toEqual([epochs * 3, epochs * 3]);
      expect(r.summary.tensorsAfter).toBe(r.summary.tensorsBefore);
    });
  }
});

describe('examples/image-grid.ts', () => {
  it('shows a grey ramp and a labelled colour grid', async () => {
    const r = await runPlaygroundFile('examples/image-grid.ts');
    expect(r.error).toBeUndefined();
    const [ramp, grid] = ofKind(r.outputs, 'images');
    const rampRow = Array.from(ramp!.items[0]!.data.slice(0, 16 * 4)).filter((_, i) => i % 4 === 0);
    expect(rampRow[0]).toBe(0);
    expect(rampRow[15]).toBe(255);
    expect(rampRow).toEqual([...rampRow].sort((a, b) => a - b));
    expect(grid!.items.map((i) => [i.label, i.highlight ?? false, Array.from(i.data.slice(0, 4))])).toEqual([
      ['red', false, [255, 0, 0, 255]],
      ['green', true, [0, 255, 0, 255]],
      ['blue', false, [0, 0, 255, 255]],
    ]);
  });
});

describe('examples/thrown-error.ts', () => {
  it('maps the thrown error to the reader\'s line and column', async () => {
    const r = await runPlaygroundFile('examples/thrown-error.ts');
    expect(r.error).toMatchObject({ phase: 'runtime', message: 'expected a matrix, got rank 1', line: 6, column: 11 });
    expect(r.error!.stack).toContain('at checkShape (examples/thrown-error.ts:6:11)');
    expect(r.error!.stack).toContain('examples/thrown-error.ts:11:1');
  });
});

describe('examples/charts.ts', () => {
  it('draws a bar, scatter and line chart, a progress bar and a table', async () => {
    const r = await runPlaygroundFile('examples/charts.ts');
    expect(r.error).toBeUndefined();
    const charts = ofKind(r.outputs, 'chart');
    expect(charts.map((c) => [c.spec.kind, c.spec.title])).toEqual([
      ['bar', 'Prediction'],
      ['scatter', 'Two clusters'],
      ['line', 'sin(x)'],
    ]);
    const [bars, scatter] = ofKind(r.outputs, 'chart-data');
    const probs = bars!.data[0]!.map(([, y]) => y);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(probs[0]).toBeGreaterThan(probs[1]!);
    expect(scatter!.data.map((s) => s.length)).toEqual([50, 50]);
    const line = ofKind(r.outputs, 'chart-points').flatMap((p) => p.points);
    expect(line).toHaveLength(50);
    expect(line[12]![1]).toBeCloseTo(Math.sin((12 / 50) * 2 * Math.PI), 6);
    // The loop runs in well under 100 ms: throttling sends few progress messages, ending at the total.
    const updates = ofKind(r.outputs, 'progress');
    expect(updates.length).toBeLessThan(10);
    expect(updates.at(-1)).toMatchObject({ value: 50, total: 50 });
    expect(ofKind(r.outputs, 'table')[0]!.rows.map((row) => row[0])).toEqual(['cat', 'dog', 'bird']);
    expect(r.summary.tensorsAfter).toBe(r.summary.tensorsBefore);
  });
});

/** A playground that fits y = 2x + 1 and keeps the model, and one that uses it. */
function fitALine(keepCall: string): string {
  return [
    "import * as tf from '@tensorflow/tfjs';",
    "import { keep } from 'course';",
    'const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });',
    "model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' });",
    'await model.fit(tf.tensor2d([[0], [1], [2], [3]]), tf.tensor2d([[1], [3], [5], [7]]), { epochs: 300, verbose: 0 });',
    keepCall,
  ].join('\n');
}
const USE_THE_LINE = [
  "import * as tf from '@tensorflow/tfjs';",
  "import { recall } from 'course';",
  "const model = await recall<tf.LayersModel>('line-model', { from: 'Fit a line' });",
  'const y = model.predict(tf.tensor2d([[10]])) as tf.Tensor;',
  "console.log('prediction', (await y.data())[0]!.toFixed(0));",
].join('\n');

describe('kept values between runs', () => {
  it('a later playground recalls a trained model, and says which to run first without it', async () => {
    const kept = new Map<string, unknown>();
    const missing = await runPlaygroundSource(USE_THE_LINE, { kept });
    expect(missing.error).toMatchObject({ line: 3 });
    expect(missing.error!.message).toContain('run the playground "Fit a line" first');

    expect((await runPlaygroundSource(fitALine("keep('line-model', model);"), { kept })).error).toBeUndefined();
    const used = await runPlaygroundSource(USE_THE_LINE, { kept });
    expect(used.error).toBeUndefined();
    expect(used.logs).toEqual(['prediction 21']);
  });
});

describe('models stored in the browser across reloads', () => {
  const train = fitALine("await keep('line-model', model, { persist: true });");
  const use = USE_THE_LINE;
  const originals = { 'fit.ts': hashCode(train), 'use.ts': hashCode(use) };
  const stored = (outputs: Output[]) => outputs.flatMap((o) => (o.kind === 'stored-model' ? [o] : []));

  it('a reload (a new kernel) loads the trained model back, described by when and which code trained it', async () => {
    const modelStore = memoryModelStore();
    const before = Date.now();
    const trained = await runPlaygroundSource(train, { filename: 'fit.ts', originals, modelStore });
    expect(trained.error).toBeUndefined();
    const [saved] = stored(trained.outputs);
    expect(saved).toMatchObject({ action: 'saved', info: { name: 'line-model', playground: 'fit.ts', originalHash: originals['fit.ts'], edited: false } });
    // One dense unit: a JSON topology plus 2 float32 weights.
    expect(saved!.info.bytes).toBeGreaterThan(8);
    expect(saved!.info.savedAt).toBeGreaterThanOrEqual(before);

    const afterReload = await runPlaygroundSource(use, { filename: 'use.ts', originals, modelStore, kept: new Map() });
    expect(afterReload.error).toBeUndefined();
    expect(afterReload.logs).toEqual(['prediction 21']);
    expect(stored(afterReload.outputs)).toEqual([{ kind: 'stored-model', action: 'loaded', info: saved!.info }]);
  });

  it('marks a model trained by edited code as such', async () => {
    const modelStore = memoryModelStore();
    const edited = `${train}\n// my change`;
    await runPlaygroundSource(edited, { filename: 'fit.ts', originals, modelStore });
    expect((await modelStore.list())[0]).toMatchObject({ edited: true, originalHash: originals['fit.ts'] });
  });

  it('a model trained by an older version of its playground is used only if the reader says so', async () => {
    const modelStore = memoryModelStore();
    await runPlaygroundSource(train, { filename: 'fit.ts', originals, modelStore });
    const newRelease = { ...originals, 'fit.ts': hashCode(`${train}\n// the course changed`) };
    const asked: string[] = [];
    const answer = (index: number) => (request: InputRequest): InputValue => {
      if (request.kind === 'choice') asked.push(`${request.prompt} [${request.choices.join(' | ')}]`);
      return { kind: 'choice', index };
    };
    const refused = await runPlaygroundSource(use, { filename: 'use.ts', originals: newRelease, modelStore, kept: new Map(), answer: answer(1) });
    expect(asked[0]).toMatch(/trained on .* by an older version of the playground "Fit a line".*\[Use the stored model \| Train it again\]/);
    expect(refused.error!.message).toContain('run the playground "Fit a line" first');
    const accepted = await runPlaygroundSource(use, { filename: 'use.ts', originals: newRelease, modelStore, kept: new Map(), answer: answer(0) });
    expect(accepted.logs).toEqual(['prediction 21']);
  });

  it('a browser that refuses to store gets a notice, and the run and this page\'s later playgrounds still work', async () => {
    const full: ModelStore = {
      ...memoryModelStore(),
      save: () => Promise.reject(Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' })),
    };
    const kept = new Map<string, unknown>();
    const trained = await runPlaygroundSource(train, { filename: 'fit.ts', originals, modelStore: full, kept });
    expect(trained.error).toBeUndefined();
    const notes = trained.outputs.flatMap((o) => (o.kind === 'html-note' ? [o] : []));
    expect(notes).toEqual([expect.objectContaining({ tone: 'warning', text: expect.stringContaining("storage quota is full") })]);
    expect(stored(trained.outputs)).toEqual([]);
    expect((await runPlaygroundSource(use, { filename: 'use.ts', originals, modelStore: full, kept })).logs).toEqual(['prediction 21']);
  });

  it('no storage at all (reads fail too) is as if nothing was stored', async () => {
    const none: ModelStore = { ...memoryModelStore(), load: () => Promise.reject(new Error('indexedDB is not defined')) };
    const r = await runPlaygroundSource(use, { filename: 'use.ts', originals, modelStore: none, kept: new Map() });
    expect(r.error!.message).toContain('run the playground "Fit a line" first');
  });

  it('only a LayersModel can be persisted, and the error names the call', async () => {
    const r = await runPlaygroundSource("import { keep } from 'course';\nawait keep('numbers', [1, 2], { persist: true });");
    expect(r.error).toMatchObject({ line: 2 });
    expect(r.error!.message).toContain('only a tf.LayersModel can be stored');
  });
});
