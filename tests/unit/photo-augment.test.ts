import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { augmentPhoto, hueMatrix, PHOTO_AUGMENTATION, randomResizedCropBox } from '../../src/course/images/photo-augment.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';

await tf.setBackend('cpu');

/** A 3-channel 0..255 image whose left half is red and right half blue, with a gradient down. */
function testImage(h = 40, w = 60): tf.Tensor3D {
  const v = new Float32Array(h * w * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 3;
    v[i] = x < w / 2 ? 200 : 20;
    v[i + 1] = (255 * y) / (h - 1);
    v[i + 2] = x < w / 2 ? 30 : 220;
  }
  return tf.tensor3d(v, [h, w, 3]);
}

describe('photo augmentation', () => {
  it('draws crop boxes inside the image with the requested area and aspect', () => {
    const random = seededRandom(1);
    for (let k = 0; k < 200; k++) {
      const box = randomResizedCropBox(300, 200, [0.8, 1], [1, 1], random);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(300);
      expect(box.y + box.height).toBeLessThanOrEqual(200);
      // ratio 1: square (to rounding); at most the 200x200 that fits
      expect(Math.abs(box.width - box.height)).toBeLessThanOrEqual(1);
    }
    // Areas of 80-100% of 300x200 don't fit as squares above 200x200: the fallback is the centred 200x200.
    expect(randomResizedCropBox(300, 200, [0.9, 1], [1, 1], () => 0.99)).toEqual({ x: 50, y: 0, width: 200, height: 200 });
    const wide = randomResizedCropBox(1000, 1000, [0.5, 0.5], [2, 2], () => 0.5);
    expect(wide.width / wide.height).toBeCloseTo(2, 1);
    expect((wide.width * wide.height) / 1e6).toBeCloseTo(0.5, 2);
    expect(() => randomResizedCropBox(10, 10, [0, 1], [1, 1], Math.random)).toThrow(/scale/);
  });

  it('with no randomness configured, only resizes', () => {
    const img = testImage();
    const out = augmentPhoto(img, { width: 30, height: 20 }, seededRandom(3));
    const plain = tf.image.cropAndResize(img.expandDims(0) as tf.Tensor4D, [[0, 0, 1, 1]], [0], [20, 30]).squeeze([0]);
    expect(out.shape).toEqual([20, 30, 3]);
    expect(tf.max(tf.abs(tf.sub(out, plain))).dataSync()[0]).toBeLessThan(1e-3);
    tf.dispose([img, out, plain]);
  });

  it('flips half the time, and a flip mirrors the columns', () => {
    const img = testImage();
    const random = seededRandom(5);
    let flipped = 0;
    for (let k = 0; k < 40; k++) {
      const out = augmentPhoto(img, { width: 60, height: 40, flip: true }, random);
      const red = out.slice([0, 0, 0], [40, 1, 1]).dataSync()[0]!;
      if (red < 100) flipped++; // the red half moved to the right
      out.dispose();
    }
    expect(flipped).toBeGreaterThan(10);
    expect(flipped).toBeLessThan(30);
    img.dispose();
  });

  it('is the same for the same seed, different for another, and stays in 0..255 with the course recipe', () => {
    const img = testImage();
    const options = { width: 32, height: 32, ...PHOTO_AUGMENTATION };
    const a = augmentPhoto(img, options, seededRandom(7));
    const b = augmentPhoto(img, options, seededRandom(7));
    const c = augmentPhoto(img, options, seededRandom(8));
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(tf.max(tf.abs(tf.sub(a, c))).dataSync()[0]).toBeGreaterThan(1);
    expect(tf.min(a).dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(tf.max(a).dataSync()[0]).toBeLessThanOrEqual(255);
    tf.dispose([img, a, b, c]);
  });

  it('keeps grey pixels grey under a hue turn, and a full turn changes nothing', () => {
    const m = hueMatrix(1.1);
    const grey = [100, 100, 100];
    const turned = m.map((row) => row.reduce((s, v, k) => s + v * grey[k]!, 0));
    turned.forEach((v) => expect(v).toBeCloseTo(100, 1));
    const full = hueMatrix(2 * Math.PI);
    full.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 2)));
  });

  it('refuses an image that is not RGB', () => {
    const grey = tf.zeros([8, 8, 1]) as tf.Tensor3D;
    expect(() => augmentPhoto(grey, { width: 4, height: 4 }, Math.random)).toThrow(/RGB image/);
    grey.dispose();
  });
});
