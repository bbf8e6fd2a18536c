/** `models.trained(name)`: the course's committed checkpoints under public/trained/. */
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setHost } from '../../src/course/host.ts';
import { createNodeHost } from '../../src/course/hosts/node.ts';
import { trained } from '../../src/course/models/trained.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setHost(undefined));

describe('models.trained', () => {
  it("loads the course's CartPole agent: 4 numbers in, 2 action scores out", async () => {
    setHost(createNodeHost({ assetDir: 'public' }));
    const model = await trained('cartpole');
    expect(model.inputs[0]!.shape).toEqual([null, 4]);
    expect(model.outputs[0]!.shape).toEqual([null, 2]);
    expect(model.countParams()).toBe(226);
    model.dispose();
  });

  it('names what is wrong: a bad name, a missing model, a missing weight file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trained-'));
    setHost(createNodeHost({ assetDir: dir }));
    await expect(trained('../secrets')).rejects.toThrow(/"\.\.\/secrets" is not a model name/);
    await expect(trained('cartpole')).rejects.toThrow(/asset "trained\/cartpole\/model\.json" not found/);
    await mkdir(join(dir, 'trained/cartpole'), { recursive: true });
    await writeFile(join(dir, 'trained/cartpole/model.json'), await readFile('public/trained/cartpole/model.json'));
    await expect(trained('cartpole')).rejects.toThrow(/trained\/cartpole\/model\.json: its weight file weights\.bin could not be read/);
    await writeFile(join(dir, 'trained/cartpole/model.json'), '{"format": ');
    await expect(trained('cartpole')).rejects.toThrow(/model\.json is not valid JSON/);
  });
});
