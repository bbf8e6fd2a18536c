/**
 * The quality figures chapter 8 quotes: how digit-like 100 images are by the measure of
 * scripts/reference/digit-quality.ts, for real validation digits (the reference), the
 * VAE's samples, the course's diffusion checkpoint and the in-browser diffusion run with
 * the chapter's default params. Each playground runs as the reader's page runs it.
 *
 *   node scripts/reference/generative-quality.ts [real,vae,browser,checkpoint]
 */
import * as tf from '@tensorflow/tfjs';
import { runPlaygroundFile, runPlaygroundSource, withSeededRandom } from '../../tests/playgrounds/harness.ts';
import { gridImages, scoreImages, trainDigitClassifier, type Quality } from './digit-quality.ts';

const parts = new Set((process.argv[2] ?? 'real,vae,browser,checkpoint').split(','));
const line = (what: string, q: Quality, extra = '') =>
  console.log(`| ${what} | ${q.images} | ${(100 * q.confident).toFixed(0)}% | ${q.digitsPresent} of 10 |${extra}`);
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(0);

const { model: classifier, validationAccuracy, validationQuality } = await withSeededRandom(1, trainDigitClassifier);
console.log(`scoring CNN: validation accuracy ${(100 * validationAccuracy).toFixed(1)}%\n`);
console.log('| images | n | confident (>= 0.9) | digits present | notes |\n|---|---|---|---|---|');
if (parts.has('real')) line('real validation digits', validationQuality, ' reference |');

async function sampleGrid(path: string, params: Record<string, number | string>, kept: Map<string, unknown>) {
  const run = await runPlaygroundFile(path, { params, kept });
  if (run.error) throw new Error(`${path}: ${run.error.message}`);
  return run.outputs.filter((o) => o.kind === 'images').at(-1)!;
}

if (parts.has('vae')) {
  const kept = new Map<string, unknown>();
  const t0 = performance.now();
  await withSeededRandom(2, () => runPlaygroundFile('generative/vae.ts', { kept }));
  const trained = seconds(t0);
  const run = await withSeededRandom(3, () => runPlaygroundSource(
    `import * as tf from '@tensorflow/tfjs'; import { imageGrid, recall } from 'course';
     const decoder = await recall<tf.LayersModel>('vae-decoder', { from: 'vae' });
     const x = tf.tidy(() => (decoder.predict(tf.randomNormal([100, 2])) as tf.Tensor).reshape([100, 28, 28, 1]) as tf.Tensor4D);
     imageGrid(x); x.dispose();`, { kept }));
  const images = gridImages(run.outputs.at(-1)!);
  line('VAE, 2-D latent, default 10 epochs, codes from N(0, I)', await scoreImages(classifier, images), ` trained in ${trained} s |`);
  images.dispose();
}

if (parts.has('browser')) {
  const kept = new Map<string, unknown>();
  const t0 = performance.now();
  await withSeededRandom(4, () => runPlaygroundFile('generative/diffusion-train.ts', { kept }));
  const trained = seconds(t0);
  const images = gridImages(await withSeededRandom(5, () => sampleGrid('generative/diffusion-sample.ts', { model: 'trained here', count: 100 }, kept)));
  line('diffusion trained by the playground, default params (1,000 steps, 16 channels), 50 reverse steps', await scoreImages(classifier, images), ` trained in ${trained} s |`);
  images.dispose();
}

if (parts.has('checkpoint')) {
  for (const steps of [50, 200]) {
    const t0 = performance.now();
    const images = gridImages(await withSeededRandom(6, () => sampleGrid('generative/diffusion-sample.ts', { count: 100, samplingSteps: steps }, new Map())));
    line(`course checkpoint (public/trained/diffusion), ${steps} reverse steps`, await scoreImages(classifier, images), ` sampled in ${seconds(t0)} s |`);
    images.dispose();
  }
}
classifier.dispose();
