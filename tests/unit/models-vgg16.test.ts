import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setHost } from '../../src/course/host.ts';
import { createNodeHost, type NodeHost } from '../../src/course/hosts/node.ts';
import { buildVgg16, vgg16, VGG16_PARAMS, VGG16_WEIGHTS_PATHS } from '../../src/course/models/vgg16.ts';
import { writeLayersModel, type NamedWeight } from '../../scripts/convert/tfjs-weights.ts';

// The layer names of keras.applications.VGG16, which the converted Keras weights are keyed by.
const KERAS_NOTOP = [
  'input_1',
  'block1_conv1', 'block1_conv2', 'block1_pool',
  'block2_conv1', 'block2_conv2', 'block2_pool',
  'block3_conv1', 'block3_conv2', 'block3_conv3', 'block3_pool',
  'block4_conv1', 'block4_conv2', 'block4_conv3', 'block4_pool',
  'block5_conv1', 'block5_conv2', 'block5_conv3', 'block5_pool',
];

// Building VGG16 draws millions of initial weights: seconds on a busy 2-core machine.
describe('buildVgg16', { timeout: 60_000 }, () => {
  it('without top: Keras layer names, 13 convs + 5 pools, 14,714,688 parameters', () => {
    const model = buildVgg16({ includeTop: false, initializer: 'zeros' });
    expect(model.layers.map((l) => l.name)).toEqual(KERAS_NOTOP);
    expect(model.layers.filter((l) => l.getClassName() === 'Conv2D')).toHaveLength(13);
    expect(model.layers.filter((l) => l.getClassName() === 'MaxPooling2D')).toHaveLength(5);
    expect(model.countParams()).toBe(14_714_688);
    expect(VGG16_PARAMS.notop).toBe(14_714_688);
    expect(model.outputs[0].shape).toEqual([null, 7, 7, 512]);
    model.dispose();
  });

  it('with top: flatten + fc1 + fc2 + 1000-way softmax, 138,357,544 parameters', () => {
    const model = buildVgg16({ includeTop: true, initializer: 'zeros' });
    expect(model.layers.map((l) => l.name)).toEqual([...KERAS_NOTOP, 'flatten', 'fc1', 'fc2', 'predictions']);
    expect(model.countParams()).toBe(138_357_544);
    expect(VGG16_PARAMS.full).toBe(138_357_544);
    expect(model.outputs[0].shape).toEqual([null, 1000]);
    model.dispose();
  });

  it('refuses an input the top cannot take', () => {
    expect(() => buildVgg16({ includeTop: true, inputShape: [160, 160, 3] })).toThrow(/needs input shape \[224, 224, 3\]/);
    expect(() => buildVgg16({ includeTop: false, inputShape: [16, 16, 3] })).toThrow(/at least 32x32/);
  });
});

describe('vgg16() on a site', { timeout: 60_000 }, () => {
  let root: string;
  let host: NodeHost;
  let shards: string[] = [];
  const inputShape: [number, number, number] = [32, 32, 3];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vgg16-site-'));
  });
  afterAll(async () => {
    setHost(undefined);
    await rm(root, { recursive: true, force: true });
  });
  const freshHost = () => {
    host = createNodeHost({ assetDir: root });
    setHost(host);
  };

  it('without weights: an untrained model and a visible warning with the fetch command', async () => {
    freshHost();
    const { model, trained } = await vgg16({ includeTop: false, inputShape });
    expect(trained).toBe(false);
    const notes = host.outputs.filter((o) => o.kind === 'html-note');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ tone: 'warning', command: 'npm run assets' });
    expect(notes[0].kind === 'html-note' && notes[0].text).toMatch(/no VGG16 ImageNet weights.*models\/vgg16\/notop\/model\.json.*random weights/s);
    expect((model.predict(tf.zeros([1, ...inputShape])) as tf.Tensor).shape).toEqual([1, 1, 1, 512]);
    model.dispose();
  });

  it('with converted weights: loads every weight, with a byte progress bar', async () => {
    // Weights in the layout the converter writes (float16, small shards), with values
    // that differ per weight so a mix-up between layers would show.
    const reference = buildVgg16({ includeTop: false, inputShape, initializer: 'zeros' });
    const weights: NamedWeight[] = reference.weights.map((w, k) => {
      const shape = w.shape as number[]; // a weight's shape is fully known
      const size = shape.reduce((a, b) => a * b, 1);
      return { name: w.originalName, shape, values: Float32Array.from({ length: size }, (_, i) => ((i * 31 + k * 17) % 101) / 1000 - 0.05) };
    });
    reference.dispose();
    const written = await writeLayersModel(join(root, 'models/vgg16/notop'), {}, weights, { quantization: 'float16', shardSize: 1 << 20 });
    shards = written.files.filter((f) => f.endsWith('.bin'));
    expect(shards.length).toBeGreaterThan(10);

    freshHost();
    const { model, trained } = await vgg16({ includeTop: false, inputShape });
    expect(trained).toBe(true);
    expect(host.outputs.filter((o) => o.kind === 'html-note')).toEqual([]);
    for (const [k, w] of model.weights.entries()) {
      expect(w.originalName).toBe(written.dequantized[k].name);
      const got = await w.read().data();
      expect(Array.from(got.slice(0, 50))).toEqual(Array.from(written.dequantized[k].values.slice(0, 50)));
      expect(got.length).toBe(written.dequantized[k].values.length);
    }
    const bars = host.outputs.filter((o) => o.kind === 'progress');
    expect(bars.length).toBeGreaterThan(0);
    expect(bars.at(-1)).toMatchObject({ unit: 'bytes', value: written.weightBytes, total: written.weightBytes });
    model.dispose();
  });

  it('a missing shard is an error that names it, not a silent untrained model', async () => {
    expect(shards[2]).toMatch(/^group1-shard3of\d+\.bin$/);
    await unlink(join(root, 'models/vgg16/notop', shards[2]));
    freshHost();
    await expect(vgg16({ includeTop: false, inputShape })).rejects.toThrow(`models/vgg16/notop/${shards[2]}`);
    expect(VGG16_WEIGHTS_PATHS.notop).toBe('models/vgg16/notop/model.json');
  });
});
