/**
 * Chapter 5's course truth: trains v0 (asl/mlp.ts), v1 with and without batch
 * normalization (asl/cnn.ts) and v2 (asl/augmented.ts), the playgrounds unchanged, on
 * whatever Sign Language MNIST this checkout serves, and prints training and validation
 * accuracy per epoch. `--out` writes them for the chapter (content/05-sign-language/
 * DeployFigures.astro); the deploy workflow does that on the full set after
 * `npm run assets -- --strict`. Without the full set it uses the 199-row sample in
 * ../shared/data, as the tests do, and says so.
 *
 *   npm run reference:asl -- [--epochs-mlp 20] [--epochs-cnn 5] [--images 27455] [--out public/data/reference/asl.json]
 *
 * Seeded (Math.random, so starting weights and batch order; the augmentation has its own
 * seed). On one core, a CNN epoch over the full set takes several minutes.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { runPlaygroundFile } from '../../tests/playgrounds/harness.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';
import { parseDataIndex } from '../../src/course/data/data-index.ts';
import type { Output } from '../../src/runner/protocol.ts';
import { aslSampleMissing, writeAslSample } from '../fixtures/asl-sample.ts';
import type { ReferenceFigures, ReferenceRun } from '../../content/05-sign-language/deploy-figures.ts';

const { values } = parseArgs({
  options: {
    'epochs-mlp': { type: 'string', default: '20' },
    'epochs-cnn': { type: 'string', default: '5' },
    images: { type: 'string', default: '27455' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const positive = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got "${v}"`);
  return n;
};
const epochsMlp = positive('epochs-mlp', values['epochs-mlp']);
const epochsCnn = positive('epochs-cnn', values['epochs-cnn']);
const images = positive('images', values.images);
const seed = positive('seed', values.seed);

/** public/ when it serves the ASL set, else a temporary site with the sample. */
function siteWithAsl(): { dir: string; source: string } {
  try {
    const index = parseDataIndex(readFileSync('public/data/index.json', 'utf8'), 'public/data/index.json');
    if (index.datasets.asl) return { dir: 'public', source: 'the full set fetched by npm run assets' };
  } catch {
    // no index yet: fall through to the sample
  }
  const missing = aslSampleMissing();
  if (missing) throw new Error(`no Sign Language MNIST here: run \`npm run assets\` (the full set), or provide the sample: ${missing}`);
  const dir = mkdtempSync(join(tmpdir(), 'asl-reference-'));
  writeAslSample(dir);
  return { dir, source: 'the 199-row sample in ../shared/data, not the full set' };
}
const site = siteWithAsl();
console.log(`Sign Language MNIST from ${site.source}`);

/** Per-epoch values of one series of the run's per-epoch chart. */
function perEpoch(outputs: Output[], series: string): number[] {
  const chart = outputs.find((o): o is Extract<Output, { kind: 'chart' }> => o.kind === 'chart' && o.spec.title.endsWith(': per epoch'));
  if (!chart) throw new Error('the playground drew no per-epoch chart');
  const i = chart.spec.series.indexOf(series);
  return outputs.flatMap((o) => (o.kind === 'chart-points' && o.id === chart.id && o.series === i ? o.points.map(([, y]) => y) : []));
}

const plan: { name: string; path: string; params: Record<string, number | boolean> }[] = [
  { name: 'v0', path: 'asl/mlp.ts', params: { epochs: epochsMlp, trainingImages: images } },
  { name: 'v1', path: 'asl/cnn.ts', params: { epochs: epochsCnn, trainingImages: images } },
  { name: 'v1 without batch normalization', path: 'asl/cnn.ts', params: { epochs: epochsCnn, trainingImages: images, batchNorm: false } },
  { name: 'v2', path: 'asl/augmented.ts', params: { epochs: epochsCnn, trainingImages: images, seed } },
];
const runs: ReferenceRun[] = [];
let sizes = { train: 0, validation: 0 };
for (const { name, path, params } of plan) {
  Math.random = seededRandom(seed);
  const run = await runPlaygroundFile(path, { assetDir: site.dir, params });
  if (run.error) throw new Error(`${name} (${path}): ${run.error.message}`);
  const loaded = run.logs.find((l) => l.startsWith('Sign Language MNIST: '))?.match(/([\d,]+) train \/ ([\d,]+) validation/);
  if (loaded) sizes = { train: Number(loaded[1]!.replaceAll(',', '')), validation: Number(loaded[2]!.replaceAll(',', '')) };
  const epochs = Number(params.epochs);
  const r: ReferenceRun = { name, epochs, trainAccuracy: perEpoch(run.outputs, 'acc'), validationAccuracy: perEpoch(run.outputs, 'val_acc'), secondsPerEpoch: run.summary.durationMs / 1000 / epochs };
  runs.push(r);
  console.log(`${name}: ${r.secondsPerEpoch.toFixed(1)} s per epoch (the whole run / epochs)`);
  r.trainAccuracy.forEach((acc, e) => console.log(`  epoch ${String(e + 1).padStart(2)}: training ${acc.toFixed(4)}, validation ${r.validationAccuracy[e]!.toFixed(4)}`));
}

const figures: ReferenceFigures = {
  version: 1,
  measuredOn: new Date().toISOString(),
  data: { ...sizes, source: site.dir === 'public' ? 'the full Sign Language MNIST' : 'the 199-row sample, not the full set' },
  runtime: `Node ${process.versions.node}, TF.js ${tf.version.tfjs} on ${tf.getBackend()}, one thread`,
  runs,
};
if (values.out) {
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify(figures, null, 2) + '\n');
  console.log(`wrote ${values.out}`);
}
