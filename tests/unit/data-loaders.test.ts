import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setHost } from '../../src/course/host.ts';
import { asl, mnist, isAssetMissingError, AssetMissingError, ASL_LETTERS } from '../../src/course/data/index.ts';
import { encodeDataset } from '../../src/course/data/dataset-format.ts';
import type { DataIndex } from '../../src/course/data/data-index.ts';
import { fileHost } from './data-host-fixture.ts';

/** A packed set whose pixel value encodes the example number, so order can be checked. */
function packed(count: number, numClasses: number, label: (i: number) => number): Uint8Array {
  const pixels = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) pixels.fill(i % 256, i * 4, i * 4 + 4);
  return encodeDataset({ count, rows: 2, cols: 2, channels: 1, numClasses, labels: Uint8Array.from({ length: count }, (_, i) => label(i)), pixels });
}

function indexOf(datasets: DataIndex['datasets']): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ version: 1, datasets }));
}

function file(path: string, bytes: Uint8Array, count: number) {
  return { path, count, bytes: bytes.length };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setHost(undefined));

describe('course.data.mnist', () => {
  const all = packed(200, 10, (i) => i % 10);
  const index = indexOf({ mnist: { source: 'bundled 10,000', files: { all: file('data/mnist/mnist-10k.bin', all, 200) } } });

  it('splits the bundled set with a seeded shuffle into one-hot tensors and reports progress', async () => {
    const host = fileHost('/nonexistent', { 'data/index.json': index, 'data/mnist/mnist-10k.bin': all });
    setHost(host);
    const d = await mnist({ seed: 7 });
    expect(d.source).toBe('bundled 10,000');
    expect(d.train.xs.shape).toEqual([160, 2, 2, 1]);
    expect(d.validation.ys.shape).toEqual([40, 10]);
    // Each example's pixel (i/255) and label (i % 10) must still belong together after shuffling.
    const px = (await d.train.xs.data()) as Float32Array;
    const ys = (await d.train.ys.argMax(-1).data()) as Int32Array;
    for (let k = 0; k < 160; k++) {
      const i = Math.round(px[k * 4]! * 255);
      expect(d.train.labels[k]).toBe(i % 10);
      expect(ys[k]).toBe(i % 10);
    }
    const again = await mnist({ seed: 7 });
    expect([...again.train.labels]).toEqual([...d.train.labels]);
    const other = await mnist({ seed: 8 });
    expect([...other.train.labels]).not.toEqual([...d.train.labels]);
    for (const x of [d, again, other]) x.dispose();

    // Per load: the host's half-way report and one final report, not a repeated final one.
    const progress = host.outputs.filter((o) => o.kind === 'progress');
    expect(progress.map((o) => o.value)).toEqual([Math.floor(all.length / 2), all.length, Math.floor(all.length / 2), all.length, Math.floor(all.length / 2), all.length]);
    expect(progress.at(-1)).toMatchObject({ value: all.length, total: all.length, unit: 'bytes', label: 'MNIST (bundled 10,000)' });
    expect(host.outputs.some((o) => o.kind === 'log' && o.text.includes('bundled 10,000'))).toBe(true);
  });

  it('serves full MNIST as 60k/10k-style train/test and honours limit', async () => {
    const train = packed(120, 10, (i) => i % 10);
    const test = packed(30, 10, (i) => (i + 1) % 10);
    setHost(
      fileHost('/nonexistent', {
        'data/index.json': indexOf({
          mnist: { source: 'full 70,000', files: { train: file('data/mnist/mnist-train-60k.bin', train, 120), test: file('data/mnist/mnist-test-10k.bin', test, 30) } },
        }),
        'data/mnist/mnist-train-60k.bin': train,
        'data/mnist/mnist-test-10k.bin': test,
      }),
    );
    const d = await mnist();
    expect(d.source).toBe('full 70,000');
    expect([d.train.labels.length, d.validation.labels.length]).toEqual([120, 30]);
    d.dispose();
    const small = await mnist({ limit: 70 });
    expect([small.train.labels.length, small.validation.labels.length]).toEqual([60, 10]);
    small.dispose();
  });

  it('serves the bundled set on request, and says when the full one is missing', async () => {
    const full = { source: 'full 70,000', files: { train: file('t.bin', all, 200), test: file('t.bin', all, 200) } };
    const bundled = { source: 'bundled 10,000', files: { all: file('data/mnist/mnist-10k.bin', all, 200) } };
    setHost(fileHost('/nonexistent', { 'data/index.json': indexOf({ mnist: full, 'mnist-bundled': bundled }), 'data/mnist/mnist-10k.bin': all }));
    const d = await mnist({ set: 'bundled' });
    expect(d.source).toBe('bundled 10,000');
    d.dispose();
    setHost(fileHost('/nonexistent', { 'data/index.json': indexOf({ mnist: bundled, 'mnist-bundled': bundled }) }));
    await expect(mnist({ set: 'full' })).rejects.toBeInstanceOf(AssetMissingError);
  });

  it('names the file when it is truncated', async () => {
    setHost(fileHost('/nonexistent', { 'data/index.json': index, 'data/mnist/mnist-10k.bin': all.subarray(0, 500) }));
    await expect(mnist()).rejects.toThrow(/data\/mnist\/mnist-10k\.bin: truncated/);
  });

  it('says how to build the index when it is missing', async () => {
    setHost(fileHost('/nonexistent'));
    await expect(mnist()).rejects.toThrow(/data\/index\.json could not be read .*npm run data/);
  });
});

describe('course.data.asl', () => {
  it('throws AssetMissingError with the command when the site lacks it', async () => {
    const host = fileHost('/nonexistent', { 'data/index.json': indexOf({}) });
    setHost(host);
    const err = await asl().catch((e: unknown) => e);
    expect(host.outputs).toContainEqual({ kind: 'html-note', tone: 'warning', text: (err as Error).message, command: 'npm run assets' });
    expect(err).toBeInstanceOf(AssetMissingError);
    expect(isAssetMissingError(err)).toBe(true);
    expect((err as AssetMissingError).command).toBe('npm run assets');
    expect((err as Error).message).toBe('Sign Language MNIST: not in this build of the site (it is not bundled: the deploy downloads it). Run `npm run assets` and rebuild to add it.');
  });

  it('returns tensors with 24 classes and the letter of each label', async () => {
    const label = (i: number) => [0, 1, 23, 9][i % 4]!;
    const train = packed(40, 24, label);
    const valid = packed(8, 24, label);
    setHost(
      fileHost('/nonexistent', {
        'data/index.json': indexOf({
          asl: { source: 'Sign Language MNIST', files: { train: file('data/asl/asl-train.bin', train, 40), validation: file('data/asl/asl-valid.bin', valid, 8) } },
        }),
        'data/asl/asl-train.bin': train,
        'data/asl/asl-valid.bin': valid,
      }),
    );
    const d = await asl({ limit: 20 });
    expect(d.train.ys.shape).toEqual([20, 24]);
    expect(d.validation.labels.length).toBe(4);
    expect(new Set([...d.train.labels].map((l) => d.letters[l]))).toEqual(new Set(['A', 'B', 'Y', 'K']));
    expect(ASL_LETTERS).not.toContain('J');
    expect(ASL_LETTERS).toHaveLength(24);
    d.dispose();
  });
});
