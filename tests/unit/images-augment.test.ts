/**
 * Data augmentation (src/course/images/augmentation.ts, augment.ts): each transform does
 * what it says on images of any size and channel count, the identity changes nothing, a
 * seed repeats a batch exactly, and bad ranges get a message naming the option.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { augment, augmenter } from '../../src/course/images/augment.ts';
import { IDENTITY, augmentationSampler, checkRanges, projectiveMap, sampleAugmentation, type Augmentation } from '../../src/course/images/augmentation.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';

const random = seededRandom(7);
/** A batch of random images, values 0..1. */
const noise = (shape: [number, number, number, number]) => tf.tensor4d(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, random), shape);
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).abs().max().dataSync()[0]!);
const only = (change: Partial<Augmentation>): Augmentation => ({ ...IDENTITY, ...change });

/** A 1-channel h x w image, black except a bright 3x3 square centred on (row, column). */
function blob(h: number, w: number, row: number, column: number): tf.Tensor4D {
  const data = new Float32Array(h * w);
  for (let r = row - 1; r <= row + 1; r++) for (let c = column - 1; c <= column + 1; c++) data[r * w + c] = 1;
  return tf.tensor4d(data, [1, h, w, 1]);
}
/** Row and column of the brightness-weighted mean position of image 0. */
function centreOfMass(img: tf.Tensor4D): [number, number] {
  const [, h, w] = img.shape;
  const v = img.dataSync();
  let [t, r, c] = [0, 0, 0];
  for (let p = 0; p < h * w; p++) {
    t += v[p]!;
    r += v[p]! * Math.floor(p / w);
    c += v[p]! * (p % w);
  }
  return [r / t, c / t];
}

describe('augmentation: geometry', () => {
  it('the identity, rotation 0 and zoom 1 change nothing, on colour and grey images of any size', () => {
    for (const shape of [[2, 28, 28, 1], [3, 9, 13, 3]] as [number, number, number, number][]) {
      const x = noise(shape);
      for (const a of [IDENTITY, only({ angle: 0 }), only({ zoom: 1 })]) {
        const y = augment(x, a);
        expect(y.shape).toEqual(shape);
        expect(maxDiff(x, y)).toBeLessThan(1e-6);
        y.dispose();
      }
      // A geometric map that is the identity, run through tf.image.transform for real.
      const viaTransform = augment(x, only({ angle: 360 }));
      expect(maxDiff(x, viaTransform)).toBeLessThan(1e-4);
      tf.dispose([x, viaTransform]);
    }
  });

  it('flipping twice is the identity; one flip is tf.image.flipLeftRight / a reversed row order', () => {
    const x = noise([2, 6, 11, 3]);
    const once = augment(x, only({ flipHorizontal: true }));
    const twice = augment(once, only({ flipHorizontal: true }));
    expect(maxDiff(once, tf.image.flipLeftRight(x))).toBe(0);
    expect(maxDiff(twice, x)).toBe(0);
    const down = augment(x, only({ flipVertical: true }));
    expect(maxDiff(down, tf.reverse(x, 1))).toBe(0);
    expect(maxDiff(augment(down, only({ flipVertical: true })), x)).toBe(0);
    tf.dispose([x, once, twice, down]);
  });

  it("a rotated image's centre of mass turns about the centre by the angle, counter-clockwise on screen", () => {
    // 29x29: the centre is pixel (14, 14); the blob sits 8 pixels to its right.
    const x = blob(29, 29, 14, 22);
    for (const angle of [30, 90, -45]) {
      const y = augment(x, only({ angle }), { fill: 'constant' });
      const [row, column] = centreOfMass(y);
      const rad = (angle * Math.PI) / 180;
      expect(column).toBeCloseTo(14 + 8 * Math.cos(rad), 0);
      expect(row).toBeCloseTo(14 - 8 * Math.sin(rad), 0);
      // Up, not down, for a positive angle: the same direction as tf.image.rotateWithOffset
      // (which turns about (w/2, h/2) rather than the centre pixel, so within a pixel).
      const reference = centreOfMass(tf.image.rotateWithOffset(x, rad));
      expect(Math.abs(reference[0] - row)).toBeLessThan(1.5);
      expect(Math.abs(reference[1] - column)).toBeLessThan(1.5);
      y.dispose();
    }
    x.dispose();
  });

  it('a shift moves the content by the fraction of the size; a zoom moves it away from the centre', () => {
    const x = blob(20, 40, 10, 20);
    const shifted = augment(x, only({ shiftX: 0.25, shiftY: -0.2 }), { fill: 'constant' });
    const [row, column] = centreOfMass(shifted);
    expect(column).toBeCloseTo(20 + 10, 1);
    expect(row).toBeCloseTo(10 - 4, 1);
    // 31x31 with the blob 6 pixels right of the centre (15, 15): zoom 1.5 puts it at 9.
    const y = blob(31, 31, 15, 21);
    const zoomed = augment(y, only({ zoom: 1.5 }), { fill: 'constant' });
    expect(centreOfMass(zoomed)[1]).toBeCloseTo(15 + 9, 0);
    tf.dispose([x, shifted, y, zoomed]);
  });

  it('every image of a batch gets its own transform (also on the CPU backend, whose Transform kernel stops after the first)', () => {
    const x = noise([3, 5, 7, 2]);
    const augs = [only({ flipHorizontal: true }), IDENTITY, only({ flipVertical: true })];
    const y = augment(x, augs);
    const expected = tf.concat([tf.image.flipLeftRight(x.slice(0, 1)), x.slice(1, 1), tf.reverse(x.slice(2, 1), 1)]);
    expect(maxDiff(y, expected)).toBe(0);
    tf.dispose([x, y, expected]);
  });

  it('projectiveMap of the identity is [1, 0, 0, 0, 1, 0, 0, 0]', () => {
    expect(projectiveMap(IDENTITY, 28, 28).map((v) => Math.round(v * 1e9) / 1e9 + 0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
    expect(() => projectiveMap(IDENTITY, 0, 28)).toThrow(/positive size/);
  });
});

describe('augmentation: brightness, contrast, ranges and seeds', () => {
  it('brightness multiplies, contrast keeps the mean, both stay within 0..maxValue', () => {
    const x = tf.tidy(() => noise([1, 8, 8, 3]).mul(0.5).add(0.25)) as tf.Tensor4D;
    const brighter = augment(x, only({ brightness: 1.2 }));
    expect(maxDiff(brighter, x.mul(1.2))).toBeLessThan(1e-6);
    const flat = augment(x, only({ contrast: 0.5 }));
    expect(flat.mean().dataSync()[0]).toBeCloseTo(x.mean().dataSync()[0]!, 5);
    expect(tf.moments(flat).variance.dataSync()[0]).toBeCloseTo(0.25 * tf.moments(x).variance.dataSync()[0]!, 5);
    // Photos in 0..255: a strong change is clipped to that range, not to 0..1.
    const bytes = x.mul(255) as tf.Tensor4D;
    const hard = augment(bytes, only({ brightness: 1.9, contrast: 1.9 }), { maxValue: 255 });
    expect(hard.max().dataSync()[0]).toBe(255);
    expect(hard.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    tf.dispose([x, brighter, flat, bytes, hard]);
  });

  it('every random batch keeps its shape and range; the same seed gives exactly the same batches, another seed others', async () => {
    const ranges = { flipHorizontal: true, rotation: 10, zoom: 0.1, shiftX: 0.1, shiftY: 0.1, brightness: 0.2, contrast: 0.5 };
    const x = noise([16, 28, 28, 1]);
    const first = augmenter({ ...ranges, seed: 3 });
    const again = augmenter({ ...ranges, seed: 3 });
    const other = augmenter({ ...ranges, seed: 4 });
    const [a1, a2, b1, c1] = [first.augment(x), first.augment(x), again.augment(x), other.augment(x)];
    expect(a1.shape).toEqual([16, 28, 28, 1]);
    expect(a1.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(a1.max().dataSync()[0]).toBeLessThanOrEqual(1);
    expect(maxDiff(a1, b1)).toBe(0);
    expect(maxDiff(a1, a2)).toBeGreaterThan(0.1); // the next batch gets new transforms
    expect(maxDiff(a1, c1)).toBeGreaterThan(0.1);
    expect(first.last).toHaveLength(16);
    expect(new Set(first.last.map((a) => a.angle)).size).toBe(16);
    tf.dispose([x, a1, a2, b1, c1]);
  });

  it('draws stay within their ranges; flips happen about half the time; a transform left out is never applied', () => {
    const draws = augmentationSampler({ flipHorizontal: true, rotation: 10, zoom: 0.1, brightness: 0.2 }, 1)(2000);
    expect(Math.max(...draws.map((a) => Math.abs(a.angle)))).toBeLessThanOrEqual(10);
    expect(Math.max(...draws.map((a) => Math.abs(a.zoom - 1)))).toBeLessThanOrEqual(0.1);
    expect(Math.max(...draws.map((a) => Math.abs(a.brightness - 1)))).toBeLessThanOrEqual(0.2);
    const flips = draws.filter((a) => a.flipHorizontal).length / draws.length;
    expect(flips).toBeGreaterThan(0.45);
    expect(flips).toBeLessThan(0.55);
    expect(draws.every((a) => !a.flipVertical && a.shiftX === 0 && a.contrast === 1)).toBe(true);
    // Turning one transform off leaves the others' draws as they were.
    const r1 = seededRandom(5);
    const r2 = seededRandom(5);
    expect(sampleAugmentation({ rotation: 10 }, r1).angle).toBe(sampleAugmentation({ rotation: 10, zoom: 0.2, flipHorizontal: true }, r2).angle);
  });

  it('bad ranges and shapes get a message naming the problem', () => {
    expect(() => checkRanges({ rotation: -5 })).toThrow('augmentation: rotation must be a number >= 0, got -5');
    expect(() => checkRanges({ zoom: 1 })).toThrow(/zoom must be below 1/);
    expect(() => checkRanges({ rotation: 400 })).toThrow(/at most 180/);
    expect(() => augmenter({ brightness: Number.NaN })).toThrow(/brightness must be a number/);
    const flat = tf.zeros([28, 28]);
    expect(() => augment(flat as tf.Tensor3D, IDENTITY)).toThrow(/expected images \[n, height, width, channels\]/);
    const batch = tf.zeros([2, 4, 4, 1]) as tf.Tensor4D;
    expect(() => augment(batch, [IDENTITY])).toThrow('augment: 1 transforms for a batch of 2 images');
    tf.dispose([flat, batch]);
  });
});
