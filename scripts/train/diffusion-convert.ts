/**
 * Turns the weights scripts/train/diffusion.py wrote into the TF.js layers model the site
 * ships (model.json + weights.bin): builds the network with the code readers see
 * (playgrounds/generative/diffusion-train.ts, run for 0 steps with the trained width),
 * sets every layer's weights from the PyTorch export, and saves it with the PyTorch
 * network's output for a fixed input (check.json) for the Node test.
 *
 *   node scripts/train/diffusion-convert.ts .cache/diffusion public/trained/diffusion
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { runPlaygroundFile } from '../../tests/playgrounds/harness.ts';

interface Entry { layer: string; weight: 'kernel' | 'bias'; shape: number[]; offset: number }

export async function convertDiffusion(from: string, to: string): Promise<{ parameters: number; bytes: number }> {
  const entries = JSON.parse(readFileSync(join(from, 'weights.json'), 'utf8')) as Entry[];
  const blob = readFileSync(join(from, 'weights.bin'));
  const values = new Float32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
  // The first conv's kernel is [3, 3, 1, channels].
  const channels = entries.find((e) => e.layer === 'down1_conv1' && e.weight === 'kernel')?.shape[3];
  if (!channels) throw new Error(`${from}/weights.json has no down1_conv1 kernel: not an export of scripts/train/diffusion.py`);
  const kept = new Map<string, unknown>();
  const run = await runPlaygroundFile('generative/diffusion-train.ts', { params: { steps: 0, channels }, kept });
  if (run.error) throw new Error(`building the U-Net failed: ${run.error.message}`);
  const model = kept.get('diffusion-model') as tf.LayersModel;
  const byLayer = Map.groupBy(entries, (e) => e.layer);
  for (const layer of model.layers.filter((l) => l.getWeights().length > 0)) {
    const weights = byLayer.get(layer.name);
    if (!weights) throw new Error(`the export has no weights for layer ${layer.name}`);
    layer.setWeights(['kernel', 'bias'].map((kind) => {
      const e = weights.find((w) => w.weight === kind)!;
      const size = e.shape.reduce((a, b) => a * b, 1);
      return tf.tensor(values.subarray(e.offset, e.offset + size), e.shape);
    }));
    byLayer.delete(layer.name);
  }
  if (byLayer.size) throw new Error(`the export has layers the U-Net lacks: ${[...byLayer.keys()].join(', ')}`);
  mkdirSync(to, { recursive: true });
  let bytes = 0;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const data = new Uint8Array(artifacts.weightData as ArrayBuffer);
    writeFileSync(join(to, 'weights.bin'), data);
    writeFileSync(join(to, 'model.json'), JSON.stringify({
      format: 'layers-model',
      generatedBy: 'scripts/train/diffusion-convert.ts',
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    }));
    bytes = data.byteLength;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  copyFileSync(join(from, 'check.json'), join(to, 'check.json'));
  const parameters = model.countParams();
  model.dispose();
  return { parameters, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [from, to] = process.argv.slice(2);
  if (!from || !to) throw new Error('usage: node scripts/train/diffusion-convert.ts <export dir> <site model dir>');
  const { parameters, bytes } = await convertDiffusion(from, to);
  console.log(`wrote ${to}/model.json: ${parameters.toLocaleString('en-US')} parameters, ${bytes.toLocaleString('en-US')} bytes of weights`);
}
