/**
 * What a reader reads when the site serves a broken file: each message names the file
 * and what is wrong with it (the e2e kernel spec serves the same faults to the page).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { setHost } from '../../src/course/host.ts';
import { fetchAsset } from '../../src/course/hosts/browser.ts';
import { loadLayersWeights } from '../../src/course/models/layers-weights.ts';
import { fileHost } from './data-host-fixture.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setHost(undefined));

const BASE = 'https://s.example/site/';
const NOT_FOUND_PAGE = '<!doctype html><title>Page not found</title>';

describe('fetchAsset: broken responses', () => {
  it('refuses a web page served where a file should be', async () => {
    const page = async () => new Response(NOT_FOUND_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } });
    await expect(fetchAsset(page, BASE, 'models/lab/tiny/model.json')).rejects.toThrow(
      'asset "models/lab/tiny/model.json": https://s.example/site/models/lab/tiny/model.json answered with a web page (text/html; charset=utf-8) instead of the file, probably the server\'s "not found" page',
    );
  });

  it('names the file and how far a download got when it breaks off', async () => {
    const broken = async () => {
      let pulls = 0;
      return new Response(
        new ReadableStream({
          pull(controller) {
            if (pulls++ === 0) controller.enqueue(new Uint8Array(1000));
            else controller.error(new TypeError('network error'));
          },
        }),
        { headers: { 'content-length': '7850020' } },
      );
    };
    await expect(fetchAsset(broken, BASE, 'data/mnist/mnist-10k.bin')).rejects.toThrow(
      'asset "data/mnist/mnist-10k.bin": the download from https://s.example/site/data/mnist/mnist-10k.bin broke off after 1,000 of 7,850,020 bytes (network error)',
    );
  });
});

describe('loadLayersWeights: broken model folders', () => {
  const manifest = (paths: string[]) =>
    new TextEncoder().encode(
      JSON.stringify({ weightsManifest: [{ paths, weights: [{ name: 'tiny/kernel', shape: [2, 1], dtype: 'float32' }, { name: 'tiny/bias', shape: [1], dtype: 'float32' }] }] }),
    );
  const model = () => tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], name: 'tiny' })] });

  it('names the model and the weight file it lacks', async () => {
    setHost(fileHost('/nonexistent', { 'models/lab/tiny/model.json': manifest(['weights.bin']) }));
    const m = model();
    await expect(loadLayersWeights(m, 'models/lab/tiny/model.json')).rejects.toThrow(
      /^models\/lab\/tiny\/model\.json: its weight file weights\.bin could not be read \(asset "models\/lab\/tiny\/weights\.bin" not found/,
    );
    m.dispose();
  });

  it('says what is wrong with a model.json that is not one', async () => {
    setHost(fileHost('/nonexistent', { 'models/lab/tiny/model.json': new TextEncoder().encode(NOT_FOUND_PAGE) }));
    const m = model();
    await expect(loadLayersWeights(m, 'models/lab/tiny/model.json')).rejects.toThrow(/^models\/lab\/tiny\/model\.json is not valid JSON: /);
    m.dispose();
  });

  it('loads a whole one', async () => {
    const weights = new Float32Array([0.5, -2, 1]);
    setHost(fileHost('/nonexistent', { 'models/lab/tiny/model.json': manifest(['weights.bin']), 'models/lab/tiny/weights.bin': new Uint8Array(weights.buffer) }));
    const m = model();
    await loadLayersWeights(m, 'models/lab/tiny/model.json');
    const x = tf.tensor2d([[2, 1]]);
    const y = m.predict(x) as tf.Tensor;
    expect(Array.from(await y.data())).toEqual([0.5 * 2 - 2 * 1 + 1]);
    tf.dispose([x, y]);
    m.dispose();
  });
});
