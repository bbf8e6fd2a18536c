import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { setHost } from '../../src/course/host.ts';
import * as images from '../../src/course/images/index.ts';
import { decodeImageNode } from '../../src/course/images/decode-node.ts';
import { fileHost } from './data-host-fixture.ts';

const shared = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
const haveShared = existsSync(shared);
if (!haveShared) console.warn(`images tests: ${shared} is absent, skipping the real-photo cases`);
const photo = (p: string) => new Uint8Array(readFileSync(shared + p));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setHost(undefined));

describe('sniffImageType', () => {
  it('recognises magic bytes and nothing else', () => {
    expect(images.sniffImageType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(images.sniffImageType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBe('png');
    expect(images.sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('webp');
    expect(images.sniffImageType(new TextEncoder().encode('GIF89a'))).toBe('gif');
    expect(images.sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
    expect(images.sniffImageType(Uint8Array.of(0xff, 0xd8))).toBeUndefined();
    expect(images.sniffImageType(new Uint8Array())).toBeUndefined();
  });
});

describe.skipIf(!haveShared)('decoding real photos from ../shared/data', () => {
  it('decodes JPEG, PNG and a WebP named .jpg by content', async () => {
    const cases = [
      ['doggy_door_images/happy_dog.jpg', 'jpeg', 1800, 1200],
      ['asl_images/a.png', 'png', 188, 186],
      ['presidential_doggy_door/train/bo/bo_13.jpg', 'webp', 1500, 1998],
    ] as const;
    for (const [p, type, w, h] of cases) {
      const bytes = photo(p);
      expect(images.sniffImageType(bytes)).toBe(type);
      const px = await decodeImageNode(bytes, p);
      expect([px.width, px.height, px.data.length]).toEqual([w, h, w * h * 4]);
      // A real photo, not a blank buffer: the pixel values vary.
      const sampleValues = new Set(Array.from({ length: 500 }, (_, i) => px.data[Math.floor((i / 500) * px.data.length)]));
      expect(sampleValues.size).toBeGreaterThan(20);
    }
  });

  it('decodes through the host via images.load and makes a VGG16 input', async () => {
    setHost(fileHost(shared));
    const px = await images.load('doggy_door_images/sleepy_cat.jpg');
    const input = images.toModelInput(px, images.VGG16_INPUT);
    expect(input.shape).toEqual([1, 224, 224, 3]);
    const mean = (await input.mean([0, 1, 2]).data()) as Float32Array;
    // After mean subtraction, each channel of a normal photo averages within +-128 of 0.
    for (const m of mean) expect(Math.abs(m)).toBeLessThan(128);
    input.dispose();
  });
});

describe('generated images', () => {
  it('decodes a GIF named .png by content, first frame, as RGBA', async () => {
    const gif = new Uint8Array(await sharp({ create: { width: 5, height: 3, channels: 3, background: '#ff0000' } }).gif().toBuffer());
    expect(images.sniffImageType(gif)).toBe('gif');
    const px = await decodeImageNode(gif, 'not-really.png');
    expect([px.width, px.height]).toEqual([5, 3]);
    expect(Array.from(px.data.subarray(0, 4))).toEqual([255, 0, 0, 255]);
  });
});

describe('non-images', () => {
  it('gives an error naming the file, from decode and from the Node decoder', async () => {
    const text = new TextEncoder().encode('label,pixel1\n3,0\n');
    setHost(fileHost('/nonexistent'));
    await expect(images.decode(text, 'uploads/notes.csv')).rejects.toThrow(/^uploads\/notes\.csv: not a JPEG, PNG, WebP or GIF image \(17 bytes, starting 6c 61/);
    await expect(decodeImageNode(text, 'notes.csv')).rejects.toBeInstanceOf(images.NotAnImageError);
  });

  it('names the file when a JPEG is cut short', async () => {
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a7' } }).jpeg().toBuffer();
    const cut = new Uint8Array(jpeg).subarray(0, 40);
    await expect(decodeImageNode(cut, 'broken.jpg')).rejects.toThrow(/^broken\.jpg: looks like JPEG but could not be decoded/);
  });
});

describe('preprocessing', () => {
  const solid = (w: number, h: number, rgb: [number, number, number]) => ({
    width: w,
    height: h,
    data: new Uint8ClampedArray(w * h * 4).map((_, i) => (i % 4 === 3 ? 255 : rgb[i % 4]!)),
  });

  it('centre-crops a wide image before resizing', () => {
    expect(images.centerCropBox(300, 100, 1)).toEqual({ x: 100, y: 0, width: 100, height: 100 });
    expect(images.centerCropBox(100, 300, 1)).toEqual({ x: 0, y: 100, width: 100, height: 100 });
    expect(images.centerCropBox(400, 300, 4 / 3)).toEqual({ x: 0, y: 0, width: 400, height: 300 });
    // Left third red, centre green, right third blue: a centre crop keeps only green.
    const w = 30, h = 10;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(x < 10 ? [255, 0, 0, 255] : x < 20 ? [0, 255, 0, 255] : [0, 0, 255, 255], (y * w + x) * 4);
    const t = images.toModelInput({ width: w, height: h, data }, { width: 4, height: 4, normalize: 'unit' });
    expect(Array.from(t.mean([0, 1, 2]).dataSync())).toEqual([0, 1, 0]);
    const stretched = images.toModelInput({ width: w, height: h, data }, { width: 4, height: 4, fit: 'stretch', normalize: 'unit' });
    expect(stretched.mean([0, 1, 2]).dataSync()[0]).toBeGreaterThan(0.2);
    tf.dispose([t, stretched]);
  });

  it('applies VGG16 caffe preprocessing: RGB -> BGR minus the ImageNet means', () => {
    const t = images.toModelInput(solid(8, 8, [200, 100, 50]), images.VGG16_INPUT);
    const px = Array.from(t.slice([0, 0, 0, 0], [1, 1, 1, 3]).dataSync());
    expect(px[0]).toBeCloseTo(50 - 103.939, 3);
    expect(px[1]).toBeCloseTo(100 - 116.779, 3);
    expect(px[2]).toBeCloseTo(200 - 123.68, 3);
    t.dispose();
  });

  it('converts to grey with BT.601 luma', () => {
    const t = images.toModelInput(solid(28, 28, [255, 0, 0]), { width: 28, height: 28, channels: 1 });
    expect(t.shape).toEqual([1, 28, 28, 1]);
    expect(t.max().dataSync()[0]).toBeCloseTo(0.299 * 255, 3);
    t.dispose();
  });
});
