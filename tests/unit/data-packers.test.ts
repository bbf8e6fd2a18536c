import { describe, expect, it } from 'vitest';
import { packIdxPair, packSignMnist, parseIdx, parseSignMnistCsv } from '../../scripts/assets/packers.ts';

function idx(dims: number[], data: number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out.set([0, 0, 0x08, dims.length]);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

describe('IDX', () => {
  it('parses big-endian dimensions and data, and packs an images/labels pair', () => {
    const images = parseIdx(idx([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 'img');
    expect(images.dims).toEqual([2, 2, 3]);
    const labels = parseIdx(idx([2], [7, 3]), 'lab');
    const ds = packIdxPair(images, labels, { images: 'img', labels: 'lab' });
    expect(ds).toMatchObject({ count: 2, rows: 2, cols: 3, channels: 1, numClasses: 10 });
    expect([...ds.labels]).toEqual([7, 3]);
    expect([...ds.pixels]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('names the file for a bad magic, a wrong type, truncated data and mismatched pairs', () => {
    expect(() => parseIdx(new TextEncoder().encode('<html>'), 'train-images')).toThrow(/^train-images: not an IDX file/);
    const floats = idx([1], [0]);
    floats[2] = 0x0d;
    expect(() => parseIdx(floats, 'f.idx')).toThrow(/f\.idx: IDX data type 0xd/);
    expect(() => parseIdx(idx([3, 28, 28], new Array(100).fill(0)), 't10k-images')).toThrow(/t10k-images: IDX dimensions 3x28x28 need 2352 bytes of data, the file has 100 \(truncated\)/);
    const img = parseIdx(idx([2, 1, 1], [0, 0]), 'img');
    expect(() => packIdxPair(img, parseIdx(idx([3], [0, 1, 2]), 'lab'), { images: 'img', labels: 'lab' })).toThrow(/lab: 3 labels for the 2 images of img/);
    expect(() => packIdxPair(img, parseIdx(idx([2], [0, 10]), 'lab'), { images: 'img', labels: 'lab' })).toThrow(/lab: label 10 of example 1/);
  });
});

/** A CSV in the Sign Language MNIST layout, one row per label. */
function csv(labels: number[], header = true): string {
  const head = ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i + 1}`)].join(',');
  const rows = labels.map((l, r) => [l, ...Array.from({ length: 784 }, (_, i) => (i + r) % 256)].join(','));
  return [...(header ? [head] : []), ...rows].join('\n') + '\n';
}

const kaggle = Array.from({ length: 25 }, (_, i) => i).filter((l) => l !== 9);
const contiguous = Array.from({ length: 24 }, (_, i) => i);
const names = { train: 'train.csv', valid: 'valid.csv' };

describe('Sign Language MNIST CSV', () => {
  it('parses rows with or without a header', () => {
    const parsed = parseSignMnistCsv(csv([3, 0]), 'a.csv');
    expect([...parsed.labels]).toEqual([3, 0]);
    expect(parsed.pixels.length).toBe(2 * 784);
    expect(parsed.pixels[784]).toBe(1);
    expect([...parseSignMnistCsv(csv([5], false), 'b.csv').labels]).toEqual([5]);
  });

  it('rejects a wrong column count and non-pixel values, naming file and line', () => {
    expect(() => parseSignMnistCsv('label,pixel1\n1,2\n', 'x.csv')).toThrow(/x\.csv: header has 2 columns, expected 785/);
    const text = csv([1, 2]).split('\n');
    text[2] = text[2]!.replace(/,\d+$/, '');
    expect(() => parseSignMnistCsv(text.join('\n'), 'y.csv')).toThrow(/^y\.csv:3: 784 columns, expected 785/);
    expect(() => parseSignMnistCsv(csv([1]).replace(/,0,1,2,/, ',0,300,2,'), 'z.csv')).toThrow(/z\.csv:2: column 3 is "300"/);
  });

  it('renumbers Kaggle labels (0-24 without 9) to contiguous 0-23', () => {
    const p = packSignMnist({ train: parseSignMnistCsv(csv(kaggle), 't'), valid: parseSignMnistCsv(csv([24, 10, 8]), 'v') }, names, 1);
    expect(p.labelling).toBe('kaggle 0-24 without 9');
    expect([...p.train.labels]).toEqual(contiguous);
    expect([...p.valid.labels]).toEqual([23, 9, 8]);
    expect(p.train.numClasses).toBe(24);
  });

  it('keeps the course labelling (0-23) as it is', () => {
    const p = packSignMnist({ train: parseSignMnistCsv(csv(contiguous), 't'), valid: parseSignMnistCsv(csv([9, 23]), 'v') }, names, 1);
    expect(p.labelling).toBe('contiguous 0-23');
    expect([...p.valid.labels]).toEqual([9, 23]);
  });

  it('rejects out-of-range labels, a 9 among Kaggle labels, missing letters and too few rows', () => {
    const t = parseSignMnistCsv(csv(kaggle), 't');
    expect(() => packSignMnist({ train: t, valid: parseSignMnistCsv(csv([25]), 'v') }, names, 1)).toThrow(/valid\.csv: row 1 has label 25, outside 0\.\.24/);
    expect(() => packSignMnist({ train: t, valid: parseSignMnistCsv(csv([3, 9]), 'v') }, names, 1)).toThrow(/valid\.csv: row 2 has label 9 \(J\)/);
    const noB = parseSignMnistCsv(csv(contiguous.filter((l) => l !== 1)), 't');
    expect(() => packSignMnist({ train: noB, valid: parseSignMnistCsv(csv([9]), 'v') }, names, 1)).toThrow(/train\.csv: no examples of B/);
    expect(() => packSignMnist({ train: t, valid: t }, names, 1000)).toThrow(/train\.csv: 24 rows, expected at least 1000/);
  });
});
