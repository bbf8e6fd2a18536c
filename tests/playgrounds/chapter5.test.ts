/**
 * Chapter 5 (American Sign Language): every playground runs on the real Sign Language
 * MNIST sample in ../shared/data (188 training + 11 validation rows, the author's photos
 * a.png and b.png), served as the site's ASL set from a temporary folder, through the same
 * path as the browser. The playgrounds share one kernel's kept values, like one page.
 * Without ../shared the suite is skipped, saying why.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../src/runner/protocol.ts';
import { aslSampleMissing, writeAslSample } from '../../scripts/fixtures/asl-sample.ts';
import { parseReferenceFigures } from '../../content/05-sign-language/deploy-figures.ts';
import { runPlaygroundFile, runPlaygroundSource, type RunOptions, type RunOutcome, withSeededRandom } from './harness.ts';
import { type Table, type Images, type Chart, tables, tableTitled, images, chartSeries, expectClean } from './outputs.ts';

const column = (t: Table, name: string) => t.rows.map((r) => r[t.columns.indexOf(name)]!);

const missing = aslSampleMissing();
if (missing) console.warn(`chapter 5 tests skipped: ${missing}`);

/** The sample's sizes: 188 training and 11 validation images of all 24 letters. */
const TRAIN = 188;
const VALID = 11;
/**
 * v1 trained on the 188 sample rows with batches of 8 for this many epochs (188 steps):
 * enough to memorise them (the test asks for training accuracy >= 0.9; the seeded run
 * reached 0.968), few enough for CI's time budget. Batches of 32 give 6 steps an epoch.
 */
const MEMORISE = { epochs: 8, batchSize: 8 };

describe.skipIf(missing !== null)('chapter 5: American Sign Language', () => {
  let site: string;
  const kept = new Map<string, unknown>();
  const run = (path: string, options: RunOptions = {}) => runPlaygroundFile(path, { assetDir: site, kept, ...options });

  beforeAll(() => {
    site = mkdtempSync(join(tmpdir(), 'ch5-site-'));
    // The bundled MNIST too, for the comparison in the first playground.
    mkdirSync(join(site, 'data/mnist'), { recursive: true });
    copyFileSync('public/data/mnist/mnist-10k.bin', join(site, 'data/mnist/mnist-10k.bin'));
    writeAslSample(site);
  });
  afterAll(() => rmSync(site, { recursive: true, force: true }));

  it('the loader gives [188, 28, 28, 1] training and [11, 28, 28, 1] validation images, values 0..1, labelled with letters', async () => {
    const r = await runPlaygroundSource(
      `import { data } from 'course';
       const asl = await data.asl();
       console.log(JSON.stringify({ train: asl.train.xs.shape, valid: asl.validation.xs.shape, ys: asl.train.ys.shape, max: asl.train.xs.max().dataSync()[0], min: asl.train.xs.min().dataSync()[0], letters: asl.letters.join(''), labels: [...new Set(asl.train.labels)].length }));
       asl.dispose();`,
      { assetDir: site },
    );
    expect(r.error).toBeUndefined();
    const got = JSON.parse(r.logs.at(-1)!);
    expect(got).toMatchObject({ train: [TRAIN, 28, 28, 1], valid: [VALID, 28, 28, 1], ys: [TRAIN, 24], letters: 'ABCDEFGHIKLMNOPQRSTUVWXY', labels: 24 });
    expect(got.max).toBeLessThanOrEqual(1);
    expect(got.max).toBeGreaterThan(0.9);
    expect(got.min).toBeGreaterThanOrEqual(0);
  });

  it('look at the data: letters as labels, one image per letter, counts per letter and a measured comparison with MNIST', async () => {
    const r = await run('asl/explore.ts', { params: { show: 12 } });
    expectClean(r);
    const [first, perLetter] = images(r.outputs);
    expect(first!.items).toHaveLength(12);
    expect(first!.items.every((i) => /^[A-IK-Y]$/.test(i.label ?? ''))).toBe(true);
    expect(perLetter!.items.map((i) => i.label).join('')).toBe('ABCDEFGHIKLMNOPQRSTUVWXY');
    const bars = r.outputs.find((o): o is Extract<Output, { kind: 'chart-data' }> => o.kind === 'chart-data')!;
    const counts = bars.data[0]!.map(([, v]) => v);
    expect(counts).toHaveLength(24);
    expect(counts.reduce((a, b) => a + b)).toBe(TRAIN);
    const compare = tableTitled(r.outputs, /Hand signs and handwritten digits/);
    expect(column(compare, 'Sign Language MNIST').slice(1, 4)).toEqual([24, TRAIN, VALID]);
    // Hand photos are mid-grey all over; digits are mostly black background.
    // The figures the chapter quotes for the sample and the bundled digits: mean value and share of dark pixels.
    expect(column(compare, 'Sign Language MNIST').slice(4, 6)).toEqual(['0.619', '0.7%']);
    expect(column(compare, 'MNIST (bundled)').slice(4, 6)).toEqual(['0.132', '82.5%']);
  });

  it('v1 has the documented layers, output shapes and 404,399 weights (404,099 trainable); it memorises the 188 real signs', async () => {
    const r = await withSeededRandom(5, () => run('asl/cnn.ts', { params: MEMORISE }));
    expectClean(r);
    const summary = tableTitled(r.outputs, /weights, .* trainable/);
    expect(summary.caption).toBe('404,399 weights, 404,099 of them trainable');
    const layers = summary.rows.map((row) => [row[0], row[1], row[2]]);
    expect(layers).toEqual([
      ['Conv2D', '[28,28,25]', 250],
      ['BatchNormalization', '[28,28,25]', 100],
      ['ReLU', '[28,28,25]', 0],
      ['MaxPooling2D', '[14,14,25]', 0],
      ['Conv2D', '[14,14,50]', 11300],
      ['BatchNormalization', '[14,14,50]', 200],
      ['ReLU', '[14,14,50]', 0],
      ['Dropout', '[14,14,50]', 0],
      ['MaxPooling2D', '[7,7,50]', 0],
      ['Conv2D', '[7,7,75]', 33825],
      ['BatchNormalization', '[7,7,75]', 300],
      ['ReLU', '[7,7,75]', 0],
      ['MaxPooling2D', '[3,3,75]', 0],
      ['Flatten', '[675]', 0],
      ['Dense', '[512]', 346112],
      ['Dropout', '[512]', 0],
      ['Dense', '[24]', 12312],
    ]);
    const result = tableTitled(r.outputs, /^v1 after 8 epochs: [\d.]+ s per epoch on wasm$/);
    const trainAcc = Number(column(result, 'accuracy')[0]);
    console.log(`v1, ${MEMORISE.epochs} epochs (batches of ${MEMORISE.batchSize}) on the ${TRAIN}-row sample: training accuracy ${trainAcc.toFixed(3)}, validation ${Number(column(result, 'accuracy')[1]).toFixed(3)} (${VALID} images)`);
    expect(trainAcc).toBeGreaterThanOrEqual(0.9);
    expect(chartSeries(r.outputs, /v1: the CNN: per epoch/, 'val_acc')).toHaveLength(MEMORISE.epochs);
  });

  it('v1 without batch normalization loses its 600 batch-norm numbers and still trains', async () => {
    const r = await run('asl/cnn.ts', { params: { epochs: 1, batchNorm: false } });
    expectClean(r);
    expect(tableTitled(r.outputs, /weights, .* trainable/).caption).toBe('403,799 weights, 403,799 of them trainable');
    expect(tableTitled(r.outputs, /^v1 without batch normalization after 1 epoch: [\d.]+ s per epoch on wasm$/).rows).toHaveLength(2);
  });

  it('v0, the MLP, learns from its training signs (far above the 1 in 24 of guessing) and reports the gap to validation', async () => {
    const r = await withSeededRandom(2, () => run('asl/mlp.ts', { params: { epochs: 20 } }));
    expectClean(r);
    expect(r.logs.join('\n')).toContain('676,888 weights');
    const t = tableTitled(r.outputs, /^v0 after 20 epochs: [\d.]+ s per epoch on wasm$/);
    expect(column(t, 'set')).toEqual(['training', 'validation', 'gap']);
    const [trainAcc, valAcc, gap] = column(t, 'accuracy').map(Number);
    console.log(`v0, 20 epochs on the sample: training ${trainAcc!.toFixed(3)}, validation ${valAcc!.toFixed(3)}`);
    // 20 epochs of 6 steps: the seeded run reached 0.622 (the full set's 858 steps an epoch reach 0.99).
    expect(trainAcc).toBeGreaterThan(0.5);
    expect(gap).toBeCloseTo(trainAcc! - valAcc!, 6);
  });

  it('max pooling halves the size, keeps the largest value of each window and so the largest of all', async () => {
    const r = await run('asl/pooling.ts');
    expectClean(r);
    expect(tableTitled(r.outputs, /After 2x2 max pooling/).rows).toEqual([[6, 2], [2, 9]]);
    const t = tableTitled(r.outputs, /What survives/);
    expect(column(t, 'size')).toEqual(['28x28', '14x14', '7x7']);
    expect(column(t, 'values')).toEqual([784, 196, 49]);
    const largest = column(t, 'largest');
    expect(new Set(largest).size).toBe(1);
    const means = column(t, 'mean').map(Number);
    expect(means[1]).toBeGreaterThan(means[0]!);
    expect(images(r.outputs)[0]!.items.map((i) => i.width)).toEqual([28, 28, 14, 7]);
  });

  it('dropout zeroes about the rate in training and scales the survivors by 1 / (1 - rate); at inference it changes nothing', async () => {
    const r = await withSeededRandom(3, () => run('asl/dropout.ts', { params: { rate: 0.5 } }));
    expectClean(r);
    const t = tableTitled(r.outputs, /Dropout with rate 0.5/);
    const zeroed = column(t, 'set to 0').map((s) => parseFloat(String(s)));
    for (const z of zeroed.slice(0, 3)) expect(Math.abs(z - 50)).toBeLessThan(8);
    expect(zeroed[3]).toBe(0);
    expect(column(t, 'survivors multiplied by').slice(0, 3)).toEqual(['2.000', '2.000', '2.000']);
    expect(column(t, 'equals the input')).toEqual(['no', 'no', 'no', 'yes']);
  });

  it('batch normalization gives each channel mean ~0 and std ~1 in training; the small CNN trains with and without it, on one chart', async () => {
    const r = await run('asl/batchnorm.ts', { params: { epochs: 2 } });
    expectClean(r);
    const t = tableTitled(r.outputs, /before and after batch normalization/);
    for (const m of column(t, 'mean after').map(Number)) expect(Math.abs(m)).toBeLessThan(1e-3);
    // Not exactly 1: batch norm divides by sqrt(variance + epsilon).
    for (const s of column(t, 'std after').map(Number)) expect(s).toBeGreaterThan(0.9);
    for (const s of column(t, 'std after').map(Number)) expect(s).toBeLessThanOrEqual(1);
    expect(column(t, 'std before').map(Number).some((s) => Math.abs(s - 1) > 0.2)).toBe(true);
    for (const series of ['with batch norm', 'without']) expect(chartSeries(r.outputs, /with and without batch normalization/, series)).toHaveLength(2);
  });

  it('shows one sign under each transform and 16 seeded random augmentations; the same seed gives the same images', async () => {
    const first = await run('asl/transforms.ts', { params: { seed: 4 } });
    expectClean(first);
    const [single, random] = images(first.outputs);
    expect(single!.items.map((i) => i.label)).toEqual([
      'original', 'horizontal flip', 'vertical flip', 'rotated 10°', 'rotated -10°', 'zoom 1.2', 'zoom 0.8',
      'shift right 10%', 'shift up 10%', 'brighter x1.2', 'darker x0.8', 'contrast x1.5', 'contrast x0.5',
    ]);
    expect(single!.items.every((i) => i.width === 28 && i.height === 28)).toBe(true);
    expect(random!.items).toHaveLength(16);
    const pixels = (o: Images) => o.items.map((i) => Array.from(i.data));
    const again = images((await run('asl/transforms.ts', { params: { seed: 4 } })).outputs)[1]!;
    const other = images((await run('asl/transforms.ts', { params: { seed: 5 } })).outputs)[1]!;
    expect(pixels(again)).toEqual(pixels(random!));
    expect(pixels(other)).not.toEqual(pixels(random!));
    // All 16 differ from each other: every image gets its own transform.
    expect(new Set(pixels(random!).map((p) => p.join())).size).toBe(16);
  });

  it('v2 trains on batches augmented on the fly and keeps its model; dropout is off at inference (two predictions equal)', async () => {
    const r = await withSeededRandom(6, () => run('asl/augmented.ts', { params: { epochs: 2 } }));
    expect(r.error).toBeUndefined();
    const t = tableTitled(r.outputs, /^v2 after 2 epochs: [\d.]+ s per epoch on wasm$/);
    expect(column(t, 'images')).toEqual([TRAIN, VALID]);
    expect(chartSeries(r.outputs, /Compare runs: per epoch/, 'val_acc')).toHaveLength(2);
    expect(kept.has('asl-model')).toBe(true);
    const twice = await runPlaygroundSource(
      `import * as tf from '@tensorflow/tfjs';
       import { data, recall } from 'course';
       const model = await recall<tf.LayersModel>('asl-model');
       const asl = await data.asl();
       const a = model.predict(asl.validation.xs) as tf.Tensor;
       const b = model.predict(asl.validation.xs) as tf.Tensor;
       console.log(tf.sub(a, b).abs().max().dataSync()[0]);
       tf.dispose([a, b]);
       asl.dispose();`,
      { assetDir: site, kept },
    );
    expect(twice.error).toBeUndefined();
    expect(Number(twice.logs.at(-1))).toBe(0);
  });

  it('predicts the letters of the photos a.png and b.png: one of the 24 letters each, probabilities adding up to 1', async () => {
    const r = await run('asl/predict.ts', { params: { askForPhoto: false } });
    expectClean(r);
    for (const name of ['a.png', 'b.png']) {
      const t = tableTitled(r.outputs, new RegExp(`^${name.replace('.', '\\.')}: it's [A-IK-Y]; the top 3 of 24 letters \\(all 24 probabilities add up to 1\\.0000\\)$`));
      expect(column(t, 'rank')).toEqual([1, 2, 3]);
      const p = column(t, 'probability').map(Number);
      expect(p[0]).toBeGreaterThanOrEqual(p[1]!);
      expect(p[1]).toBeGreaterThanOrEqual(p[2]!);
    }
    const seen = r.outputs.filter((o): o is Images => o.kind === 'images').flatMap((o) => o.items).filter((i) => /what the model sees/.test(i.label ?? ''));
    expect(seen.map((i) => [i.width, i.height])).toEqual([[28, 28], [28, 28]]);
  });

  it("the reader's own photo: its middle square, grey and 28x28", async () => {
    const data = new Uint8ClampedArray(60 * 40 * 4).fill(200);
    const r = await run('asl/predict.ts', { answer: () => ({ kind: 'pixels', pixels: { width: 60, height: 40, data } }) });
    expectClean(r);
    expect(tableTitled(r.outputs, /^your photo: it's [A-IK-Y]/).rows).toHaveLength(3);
    expect(r.outputs.some((o) => o.kind === 'images' && o.items.some((i) => i.label === 'what the model sees: 28x28 grey, the middle square'))).toBe(true);
  });

  it('a site without the ASL set ends every data playground in the notice with the command, not in an error', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ch5-empty-'));
    try {
      mkdirSync(join(empty, 'data'));
      copyFileSync('public/data/index.json', join(empty, 'data/index.json'));
      for (const path of ['asl/explore.ts', 'asl/cnn.ts', 'asl/augmented.ts']) {
        const r = await runPlaygroundFile(path, { assetDir: empty });
        expect(r.error).toBeUndefined();
        const note = r.outputs.find((o): o is Extract<Output, { kind: 'html-note' }> => o.kind === 'html-note');
        expect(note).toMatchObject({ tone: 'warning', command: 'npm run assets' });
        expect(note!.text).toContain('Sign Language MNIST: not in this build of the site');
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('npm run reference:asl trains all four versions and writes the figures the chapter publishes', () => {
    const out = join(site, 'reference.json');
    const log = execFileSync(process.execPath, ['scripts/reference/asl.ts', '--epochs-mlp', '2', '--epochs-cnn', '1', '--images', '100', '--out', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const figures = parseReferenceFigures(readFileSync(out, 'utf8'), out);
    expect(figures.runs.map((r) => [r.name, r.epochs])).toEqual([['v0', 2], ['v1', 1], ['v1 without batch normalization', 1], ['v2', 1]]);
    expect(figures.data.train).toBe(100);
    for (const r of figures.runs) for (const acc of [...r.trainAccuracy, ...r.validationAccuracy]) expect(acc).toBeGreaterThanOrEqual(0);
    expect(log).toMatch(/v2: [\d.]+ s per epoch/);
  }, 120_000);
});
