import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { decodePredictions, imagenetClasses, topKIndices } from '../../src/course/models/imagenet.ts';

const classIndex = fileURLToPath(new URL('../../../shared/data/imagenet_class_index.json', import.meta.url));
const haveIndex = existsSync(classIndex);
if (!haveIndex) console.warn(`imagenet tests: ${classIndex} is absent, skipping the Keras cross-check`);

describe('imagenetClasses', () => {
  it('has 1000 class names in ImageNet id order', () => {
    const names = imagenetClasses();
    expect(names).toHaveLength(1000);
    expect(names[0]).toMatch(/^tench/);
    expect(names[207]).toBe('golden retriever');
    expect(names[999]).toMatch(/toilet tissue/);
    // ImageNet itself has two synsets named "crane": the bird (134) and the machine (517).
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual(['crane']);
    expect([names[134], names[517]]).toEqual(['crane', 'crane']);
  });

  // Keras' imagenet_class_index.json gives one short name per id; it must be one of the
  // synonyms the mobilenet package lists for the same id (spaces, _ and - aside).
  it.skipIf(!haveIndex)("agrees with Keras' imagenet_class_index.json on every id", () => {
    const keras = JSON.parse(readFileSync(classIndex, 'utf8')) as Record<string, [string, string]>;
    const norm = (s: string) => s.toLowerCase().replace(/[\s_-]/g, '');
    const names = imagenetClasses();
    const disagree = Object.entries(keras).filter(([id, [, name]]) => !names[Number(id)].split(',').map(norm).includes(norm(name)));
    expect(Object.keys(keras)).toHaveLength(1000);
    expect(disagree).toEqual([]);
  });
});

describe('decodePredictions', () => {
  const probs = new Float32Array(1000).fill(0.0001);
  probs[207] = 0.6;
  probs[208] = 0.2;
  probs[281] = 0.1;

  it('returns the top k classes, most probable first', async () => {
    const top = await decodePredictions(probs, 3);
    expect(top.map((p) => p.classIndex)).toEqual([207, 208, 281]);
    expect(top[0]).toEqual({ classIndex: 207, className: 'golden retriever', probability: expect.closeTo(0.6, 6) });
    expect(top[2].className).toMatch(/tabby/);
  });

  it('reads a [1, 1000] tensor like model.predict returns', async () => {
    const t = tf.tensor2d(probs, [1, 1000]);
    expect((await decodePredictions(t)).map((p) => p.classIndex)).toEqual([207, 208, 281, 0, 1]);
    t.dispose();
  });

  it('rejects a batch or a wrong class count with a clear message', async () => {
    const batch = tf.zeros([2, 1000]);
    await expect(decodePredictions(batch)).rejects.toThrow(/one prediction of shape \[1000\].*got \[2, 1000\]/);
    batch.dispose();
    await expect(decodePredictions([0.5, 0.5])).rejects.toThrow(/expects 1000 class scores, got 2/);
  });

  it('topKIndices breaks ties by the lower index and clamps k', () => {
    expect(topKIndices([1, 3, 3, 2], 3)).toEqual([1, 2, 3]);
    expect(topKIndices([1, 2], 5)).toEqual([1, 0]);
  });
});
