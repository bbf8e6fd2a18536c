import { afterEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setHost, type CourseHost } from '../../src/course/host.ts';
import { vgg16 } from '../../src/course/models/vgg16.ts';
import { isOutOfMemory } from '../../src/runner/out-of-memory.ts';

await tf.setBackend('cpu');
afterEach(() => setHost(undefined));

/** A site whose model.json is fine but whose first shard cannot be allocated, as on a phone. */
function hostOutOfMemory(): CourseHost {
  const manifest = { weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'block1_conv1/kernel', shape: [3, 3, 3, 64], dtype: 'float32' }] }] };
  return {
    kind: 'browser',
    emit: () => undefined,
    fetchAsset: async (path: string) => {
      if (path.endsWith('model.json')) return new TextEncoder().encode(JSON.stringify(manifest));
      throw new RangeError('Array buffer allocation failed');
    },
    assetRoot: 'https://example.org/',
    params: {},
  } as unknown as CourseHost;
}

describe('vgg16() out of memory', () => {
  it('says what the full model needs and offers the model without its top, keeping the engine message', async () => {
    setHost(hostOutOfMemory());
    const before = tf.memory().numTensors;
    const error = await vgg16({ includeTop: true }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toMatch(/^VGG16 with its top needs about 553 MB of memory for its weights, and this browser ran out \(.*Array buffer allocation failed.*\)\. Without the top it needs 59 MB: vgg16\(\{ includeTop: false \}\)/);
    // The kernel still sees an out-of-memory failure, and restarts.
    expect(isOutOfMemory((error as Error).message)).toBe(true);
    // The half-built model is freed.
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
