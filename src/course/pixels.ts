/**
 * Converting what playground code wants to show (tensors, pixel data) into RGBA pixels.
 * Tensors are read through their `shape` and `dataSync()`, so this works with any TF.js
 * instance and needs no tf import.
 */
import { formatValue, isTensorLike } from '../runner/format.ts';
import type { Pixels } from '../runner/protocol.ts';

export interface TensorImage {
  shape: number[];
  dtype: string;
  dataSync(): ArrayLike<number> | ArrayLike<number | string>;
  data(): Promise<ArrayLike<number> | ArrayLike<number | string>>;
}

/** A tensor `[h, w]`, `[h, w, 1]`, `[h, w, 3]` or `[h, w, 4]`, or RGBA pixels (e.g. `ImageData`). */
export type ImageSource = TensorImage | Pixels | { width: number; height: number; data: ArrayLike<number> };

/**
 * How values map to 0-255: `'0-1'` scales by 255, `'0-255'` uses them as they are,
 * `'auto'` (default) picks one of those from the values, or stretches min..max to 0..255
 * when values fall outside both (e.g. normalised inputs, convolution outputs).
 */
export type ValueRange = 'auto' | '0-1' | '0-255';

function toByteScale(values: ArrayLike<number>, range: ValueRange): (v: number) => number {
  if (range === '0-1') return (v) => v * 255;
  if (range === '0-255') return (v) => v;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min >= 0 && max <= 1) return (v) => v * 255;
  if (min >= 0 && max <= 255) return (v) => v;
  const span = max - min || 1;
  return (v) => ((v - min) / span) * 255;
}

/** RGBA from `height * width * channels` values (channels 1, 3 or 4), row-major. */
export function valuesToPixels(values: ArrayLike<number>, height: number, width: number, channels: number, range: ValueRange = 'auto'): Pixels {
  if (![1, 3, 4].includes(channels)) {
    throw new TypeError(`image: expected 1, 3 or 4 channels, got ${channels}`);
  }
  if (values.length !== height * width * channels) {
    throw new TypeError(`image: ${values.length} values do not fill ${height}x${width}x${channels}`);
  }
  const scale = toByteScale(values, range);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const at = p * channels;
    if (channels === 1) {
      const v = scale(values[at]!);
      data[p * 4] = data[p * 4 + 1] = data[p * 4 + 2] = v;
      data[p * 4 + 3] = 255;
    } else {
      data[p * 4] = scale(values[at]!);
      data[p * 4 + 1] = scale(values[at + 1]!);
      data[p * 4 + 2] = scale(values[at + 2]!);
      data[p * 4 + 3] = channels === 4 ? scale(values[at + 3]!) : 255;
    }
  }
  return { width, height, data };
}

function numericValues(t: TensorImage, read: ArrayLike<number> | undefined): ArrayLike<number> {
  if (t.dtype === 'string') throw new TypeError('image: a string tensor is not an image');
  return read ?? (t.dataSync() as ArrayLike<number>);
}

/** Height, width, channels of one image tensor shape; throws for other shapes. */
export function imageShape(shape: number[]): [number, number, number] {
  if (shape.length === 2) return [shape[0]!, shape[1]!, 1];
  if (shape.length === 3) {
    if (![1, 3, 4].includes(shape[2]!)) throw new TypeError(`image: expected 1, 3 or 4 channels, got ${shape[2]} (shape [${shape.join(', ')}])`);
    return [shape[0]!, shape[1]!, shape[2]!];
  }
  throw new TypeError(`image: expected a tensor of shape [h, w] or [h, w, channels], got [${shape.join(', ')}]`);
}

/** `read`: the tensor's values when already read (with `data()`); else `dataSync()` reads them. */
export function toPixels(source: ImageSource, range: ValueRange = 'auto', read?: ArrayLike<number>): Pixels {
  if (isTensorLike(source)) {
    const [h, w, c] = imageShape(source.shape);
    return valuesToPixels(numericValues(source, read), h, w, c, range);
  }
  const s = source as Partial<Pixels> | null;
  if (s && typeof s.width === 'number' && typeof s.height === 'number' && s.data && typeof s.data.length === 'number') {
    if (s.data.length !== s.width * s.height * 4) {
      throw new TypeError(`image: pixel data of ${s.width}x${s.height} needs ${s.width * s.height * 4} RGBA bytes, got ${s.data.length}`);
    }
    if (s.data instanceof Uint8ClampedArray && range === 'auto') return { width: s.width, height: s.height, data: s.data };
    return valuesToPixels(s.data, s.height, s.width, 4, range);
  }
  throw new TypeError(`image: expected a tensor or {width, height, data} pixels, got ${formatValue(source)}`);
}

/** Splits a batch tensor `[n, h, w]` or `[n, h, w, channels]` into images. */
export function batchToPixels(batch: TensorImage, range: ValueRange = 'auto', read?: ArrayLike<number>): Pixels[] {
  checkBatchShape(batch.shape);
  const [n, h, w, c = 1] = batch.shape as [number, number, number, number?];
  const values = numericValues(batch, read);
  const size = h * w * c;
  const out: Pixels[] = [];
  for (let i = 0; i < n; i++) {
    const slice = Array.prototype.slice.call(values, i * size, (i + 1) * size) as number[];
    out.push(valuesToPixels(slice, h, w, c, range));
  }
  return out;
}

export function checkBatchShape(shape: number[]): void {
  if (shape.length !== 3 && shape.length !== 4) {
    throw new TypeError(`imageGrid: expected a batch tensor of shape [n, h, w] or [n, h, w, channels], got [${shape.join(', ')}]`);
  }
  if (shape.length === 4) imageShape(shape.slice(1));
}

/** Checks a source's shape now and reads a tensor's values with the async `data()`. */
export async function readImage(source: ImageSource, range: ValueRange = 'auto'): Promise<Pixels> {
  if (!isTensorLike(source)) return toPixels(source, range);
  imageShape(source.shape);
  return toPixels(source, range, (await source.data()) as ArrayLike<number>);
}
