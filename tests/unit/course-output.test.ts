import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import * as course from '../../src/course/index.ts';
import { setHost } from '../../src/course/host.ts';
import { createNodeHost, type NodeHost } from '../../src/course/hosts/node.ts';
import { drainOutputs } from '../../src/course/outputs.ts';
import { valuesToPixels } from '../../src/course/pixels.ts';
import { tableOutput } from '../../src/course/table.ts';
import { flushAll, FLUSH_INTERVAL_MS } from '../../src/course/throttle.ts';
import type { Output } from '../../src/runner/protocol.ts';

let host: NodeHost;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  host = createNodeHost({ assetDir: 'public' });
  setHost(host);
});
afterEach(() => {
  vi.useRealTimers();
  setHost(undefined);
});

function ofKind<K extends Output['kind']>(kind: K): Extract<Output, { kind: K }>[] {
  return host.outputs.filter((o): o is Extract<Output, { kind: K }> => o.kind === kind);
}

describe('table', () => {
  it('takes rows as objects, filling missing cells', () => {
    expect(tableOutput([{ a: 1, b: 'x' }, { a: 2, c: true }])).toEqual({
      kind: 'table',
      columns: ['a', 'b', 'c'],
      rows: [[1, 'x', ''], [2, '', 'true']],
    });
  });
  it('takes columns as an object of arrays', () => {
    expect(tableOutput({ digit: [0, 1], count: [980, 1135] }, { caption: 'Test set' })).toEqual({
      kind: 'table',
      caption: 'Test set',
      columns: ['digit', 'count'],
      rows: [[0, 980], [1, 1135]],
    });
  });
  it('takes rows as arrays with column names', () => {
    expect(tableOutput([[1, 2]], { columns: ['x', 'y'] }).rows).toEqual([[1, 2]]);
  });
  it('rejects mixed rows and non-array columns', () => {
    expect(() => tableOutput([{ a: 1 }, [1]] as never)).toThrow('rows must be all objects or all arrays');
    expect(() => tableOutput({ a: 1 } as never)).toThrow('column "a" is not an array');
  });
});

describe('images', () => {
  it('converts grey 0-1 values to opaque RGBA', () => {
    const p = valuesToPixels([0, 0.5, 1, 0], 2, 2, 1);
    expect(Array.from(p.data.slice(0, 8))).toEqual([0, 0, 0, 255, 128, 128, 128, 255]);
  });
  it('keeps 0-255 RGB values and stretches values outside both ranges', () => {
    expect(Array.from(valuesToPixels([10, 20, 200], 1, 1, 3).data)).toEqual([10, 20, 200, 255]);
    expect(Array.from(valuesToPixels([-1, 1], 1, 2, 1).data)).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });
  it('shows a tensor image read asynchronously', async () => {
    const t = tf.tensor3d([[[1], [0]]]);
    course.image(t, { label: 'two pixels', scale: 8 });
    t.dispose();
    await drainOutputs();
    const [out] = ofKind('images');
    expect(out).toMatchObject({ scale: 8, items: [{ width: 2, height: 1, label: 'two pixels' }] });
    expect(Array.from(out!.items[0]!.data)).toEqual([255, 255, 255, 255, 0, 0, 0, 255]);
  });
  it('throws at the call for a shape that is no image', () => {
    const t = tf.zeros([2, 2, 2]);
    expect(() => course.image(t)).toThrow('expected 1, 3 or 4 channels, got 2');
    expect(() => course.image(tf.zeros([4]))).toThrow('expected a tensor of shape [h, w] or [h, w, channels], got [4]');
  });
  it('makes a labelled grid from a batch tensor, highlighting by predicate', async () => {
    const batch = tf.zeros([3, 4, 4, 1]);
    course.imageGrid(batch, { columns: 3, labels: [7, 1, 2], highlight: (i) => i === 1 });
    await drainOutputs();
    const [grid] = ofKind('images');
    expect(grid!.columns).toBe(3);
    expect(grid!.items.map((i) => [i.width, i.label, i.highlight ?? false])).toEqual([[4, '7', false], [4, '1', true], [4, '2', false]]);
    expect(() => course.imageGrid(batch, { labels: ['a'] })).toThrow('1 labels for 3 images');
    batch.dispose();
  });
});

describe('charts', () => {
  it('batches pushes: the first at once, then at most one message per interval per series', () => {
    vi.useFakeTimers();
    const chart = course.lineChart({ title: 'Loss', series: ['train', 'val'], xLabel: 'batch' });
    expect(host.outputs[0]).toEqual({ kind: 'chart', id: chart.id, spec: { kind: 'line', title: 'Loss', series: ['train', 'val'], xLabel: 'batch' } });
    for (let i = 0; i < 1000; i++) chart.push('train', i, 1 / (i + 1));
    chart.push(1, 0, 0.5);
    expect(ofKind('chart-points')).toHaveLength(1);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    const points = ofKind('chart-points');
    expect(points.map((p) => [p.series, p.points.length])).toEqual([[0, 1], [0, 999], [1, 1]]);
  });
  it('flushes pending points when the run ends', () => {
    vi.useFakeTimers();
    const chart = course.lineChart({ title: 'Acc', series: ['acc'] });
    chart.push('acc', 0, 0.1);
    chart.push('acc', 1, 0.2);
    flushAll();
    expect(ofKind('chart-points').flatMap((p) => p.points)).toEqual([[0, 0.1], [1, 0.2]]);
  });
  it('names the chart and its series when a series is unknown', () => {
    const chart = course.lineChart({ title: 'Loss', series: ['train'] });
    expect(() => chart.push('validation', 0, 1)).toThrow('chart "Loss": no series "validation"; its series are "train"');
  });
  it('bar charts put values at category indexes; scatter charts replace data', () => {
    course.barChart({ title: 'p', categories: ['cat', 'dog'], values: [0.2, 0.8] });
    const scatter = course.scatterChart({ title: 's', series: ['a'] });
    scatter.set([[[1, 2]]]);
    expect(ofKind('chart-data').map((d) => d.data)).toEqual([[[[0, 0.2], [1, 0.8]]], [[[1, 2]]]]);
    expect(() => scatter.set([])).toThrow('set() got 0 series of data for 1 series');
    expect(ofKind('chart').at(-1)?.spec.lines).toBeUndefined();
    course.scatterChart({ title: 'fit', series: ['data', 'fit'], lines: ['fit'] });
    expect(ofKind('chart').at(-1)?.spec.lines).toEqual(['fit']);
    expect(() => course.scatterChart({ title: 'bad', series: ['data'], lines: ['fit'] })).toThrow('chart "bad": lines names "fit", which is not a series');
  });
  it('progress: clamps, throttles and sends done at once', () => {
    vi.useFakeTimers();
    const bar = course.progress('Epochs', 10);
    for (let i = 1; i <= 9; i++) bar.update(i);
    bar.update(99);
    bar.done();
    expect(ofKind('progress').map((p) => p.value)).toEqual([0, 1, 10]);
  });
  it('progress: a larger total keeps one bar (same id)', () => {
    vi.useFakeTimers();
    const bar = course.progress('Download', 100, { unit: 'bytes' });
    bar.setTotal(250);
    bar.done();
    const sent = ofKind('progress');
    expect(new Set(sent.map((p) => p.id)).size).toBe(1);
    expect(sent.at(-1)).toMatchObject({ value: 250, total: 250, unit: 'bytes' });
  });
});

describe('fitCallbacks', () => {
  it('charts per-batch and per-epoch metrics and completes the progress bar', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mae'] });
    const xs = tf.tensor2d([1, 2, 3, 4], [4, 1]);
    const ys = tf.tensor2d([2, 4, 6, 8], [4, 1]);
    await model.fit(xs, ys, { epochs: 3, batchSize: 2, validationSplit: 0.5, callbacks: course.fitCallbacks() });
    flushAll();
    const charts = ofKind('chart');
    expect(charts.map((c) => c.spec.series)).toEqual([['loss', 'mae'], ['loss', 'mae', 'val_loss', 'val_mae']]);
    const points = ofKind('chart-points');
    const perEpoch = points.filter((p) => p.id === charts[1]!.id && p.series === 2).flatMap((p) => p.points);
    expect(perEpoch.map(([x]) => x)).toEqual([1, 2, 3]);
    const perBatch = points.filter((p) => p.id === charts[0]!.id && p.series === 0).flatMap((p) => p.points);
    expect(perBatch.map(([x]) => x)).toEqual([1, 2, 3]); // 2 training samples, batch 2: one batch per epoch
    const bars = ofKind('progress');
    expect(bars.at(-1)).toMatchObject({ value: 3, total: 3 });
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('charts every batch with its exact loss, in order, though it reads them in groups, and leaks no tensor', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const xs = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8], [8, 1]);
    const ys = tf.tensor2d([2, 4, 6, 8, 10, 12, 14, 16], [8, 1]);
    const tensorsBefore = tf.memory().numTensors;
    // TF.js's own per-batch logs, read the slow way (every batch), as the reference.
    const expected: number[] = [];
    const reference = new (class extends tf.Callback {
      override async onBatchEnd(_batch: number, logs?: tf.Logs): Promise<void> {
        const loss: unknown = logs!['loss'];
        expected.push(loss instanceof tf.Tensor ? (await loss.data())[0]! : (loss as number));
      }
    })();
    await model.fit(xs, ys, { epochs: 3, batchSize: 1, shuffle: false, callbacks: [course.fitCallbacks(), reference] });
    flushAll();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const [perBatchChart] = ofKind('chart');
    const perBatch = ofKind('chart-points').filter((p) => p.id === perBatchChart!.id && p.series === 0).flatMap((p) => p.points);
    expect(perBatch.map(([x]) => x)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(perBatch.map(([, y]) => y)).toEqual(expected.map((v) => Math.fround(v)));
    tf.dispose([xs, ys]);
    model.dispose();
  });
});

describe('kernel values and params', () => {
  it('keeps and recalls values, and says which playground to run first', async () => {
    await expect(course.recall('model', { from: 'Train the model' })).rejects.toThrow(
      '"model" is not available yet: run the playground "Train the model" first',
    );
    await course.keep('model', 42);
    expect(await course.recall<number>('model', { from: 'x' })).toBe(42);
  });
  it('param returns the default without an override and emits nothing', () => {
    expect(course.param('lr', 0.1)).toBe(0.1);
    expect(host.outputs).toEqual([]);
  });
  it('reports the active backend', () => {
    expect(course.backend()).toBe('cpu');
  });
});

describe('input', () => {
  it('asks the host for a drawing and returns its pixels', async () => {
    const pixels = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
    const asked: unknown[] = [];
    setHost(createNodeHost({ assetDir: 'public', answer: (req) => (asked.push(req), { kind: 'pixels', pixels }) }));
    await expect(course.input.draw({ prompt: 'Draw a 3' })).resolves.toBe(pixels);
    expect(asked).toEqual([{ kind: 'draw', prompt: 'Draw a 3', width: 28, height: 28 }]);
  });
  it('rejects clearly when no one can answer', async () => {
    await expect(course.input.photo()).rejects.toThrow('input.photo: the Node host has no reader to ask ("Choose a photo")');
  });
  it('decodes a photo file by content and names a non-image', async () => {
    setHost(createNodeHost({ assetDir: 'public', answer: () => ({ kind: 'file', name: 'notes.jpg', bytes: new TextEncoder().encode('hello') }) }));
    await expect(course.input.photo()).rejects.toThrow(/^notes\.jpg: not a JPEG, PNG, WebP or GIF image/);
  });
});

describe('log helpers', () => {
  it('log, warn and notice emit in order', async () => {
    const t = tf.scalar(1);
    course.log('value', t);
    course.warn('slow backend');
    course.notice('warning', 'Sign Language MNIST is not bundled', 'npm run assets');
    t.dispose();
    await drainOutputs();
    expect(host.outputs).toEqual([
      { kind: 'log', level: 'log', text: 'value Tensor float32 [] 1' },
      { kind: 'log', level: 'warn', text: 'slow backend' },
      { kind: 'html-note', tone: 'warning', text: 'Sign Language MNIST is not bundled', command: 'npm run assets' },
    ]);
  });
});

describe('reading tensors', () => {
  /** A tensor-like that only reads asynchronously, like a GPU tensor whose dataSync must not be used. */
  function asyncOnly(shape: number[], values: number[]) {
    let resolve: (v: Float32Array) => void = () => {};
    const pending = new Promise<Float32Array>((r) => (resolve = r));
    const t = {
      shape,
      dtype: 'float32',
      size: values.length,
      dataSync: () => {
        throw new Error('dataSync must not be called');
      },
      data: () => pending,
    };
    return { t, release: () => resolve(new Float32Array(values)) };
  }

  it('CPU-side tensors print at once, so a loop that never yields still streams', () => {
    const t = tf.scalar(5);
    course.log('now', t);
    t.dispose();
    expect(host.outputs).toEqual([{ kind: 'log', level: 'log', text: 'now Tensor float32 [] 5' }]);
  });

  it('asynchronously read tensors keep every later output behind them, in call order', async () => {
    const { t, release } = asyncOnly([2], [1, 2]);
    const picture = asyncOnly([1, 1], [1]);
    course.log('first', t);
    course.table([{ second: 2 }]);
    course.image(picture.t);
    expect(host.outputs).toEqual([]);
    picture.release();
    release();
    await drainOutputs();
    expect(host.outputs.map((o) => o.kind)).toEqual(['log', 'table', 'images']);
    expect(host.outputs[0]).toMatchObject({ text: 'first Tensor float32 [2]\n[1, 2]' });
  });
});
