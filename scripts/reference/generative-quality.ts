/**
 * The quality figures chapter 8 quotes: how digit-like 100 images are by the measure of
 * scripts/reference/digit-quality.ts, for real validation digits (the reference), the
 * VAE's samples, latent diffusion on the autoencoder's codes, the course's diffusion
 * checkpoint and the in-browser diffusion run with the chapter's default params. Each
 * playground runs as the reader's page runs it.
 *
 *   node scripts/reference/generative-quality.ts [real,vae,latent,browser,checkpoint]
 */
import * as tf from '@tensorflow/tfjs';
import { runPlaygroundFile, runPlaygroundSource, withSeededRandom } from '../../tests/playgrounds/harness.ts';
import { gridImages, scoreImages, trainDigitClassifier, type Quality } from './digit-quality.ts';

const parts = new Set((process.argv[2] ?? 'real,vae,latent,browser,checkpoint').split(','));
const percent = (share: number | undefined) => (share === undefined ? '-' : `${(100 * share).toFixed(0)}%`);
const line = (what: string, q: Quality, extra = '') =>
  console.log(`| ${what} | ${q.images} | ${percent(q.confident)} | ${q.digitsPresent} of 10 | ${percent(q.asAsked)} |${extra}`);
/** The digits diffusion-sample.ts asks for with digit 'each in turn'. */
const eachInTurn = (n: number) => Array.from({ length: n }, (_, i) => i % 10);
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(0);

const { model: classifier, validationAccuracy, validationQuality } = await withSeededRandom(1, trainDigitClassifier);
console.log(`scoring CNN: validation accuracy ${(100 * validationAccuracy).toFixed(1)}%\n`);
console.log('| images | n | confident (>= 0.9) | digits present | read as the digit asked for | notes |\n|---|---|---|---|---|---|');
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

/** 100 digits from diffusion-sample.ts with `params`, scored; each in turn unless the digit is 'any'. */
async function sampleAndScore(what: string, params: Record<string, number | string>, kept: Map<string, unknown>, extra = '') {
  const t0 = performance.now();
  const images = gridImages(await withSeededRandom(6, () => sampleGrid('generative/diffusion-sample.ts', { count: 100, ...params }, kept)));
  const asked = params.digit === 'any' ? undefined : eachInTurn(100);
  line(what, await scoreImages(classifier, images, asked), ` sampled in ${seconds(t0)} s${extra} |`);
  images.dispose();
}

if (parts.has('latent')) {
  const kept = new Map<string, unknown>();
  const t0 = performance.now();
  await withSeededRandom(8, () => runPlaygroundFile('generative/autoencoder.ts', { kept }));
  console.log(`| (autoencoder, default 5 epochs, trained in ${seconds(t0)} s) | | | | | |`);
  // The ceiling: what the decoder makes of the codes of real digits.
  const restored = await runPlaygroundSource(
    `import * as tf from '@tensorflow/tfjs'; import { data, imageGrid, recall } from 'course';
     const encoder = await recall<tf.LayersModel>('ae-encoder'); const decoder = await recall<tf.LayersModel>('ae-decoder');
     const mnist = await data.mnist({ set: 'bundled' });
     const x = tf.tidy(() => (decoder.predict(encoder.predict(mnist.validation.xs.slice(0, 100).reshape([-1, 784])) as tf.Tensor) as tf.Tensor).reshape([-1, 28, 28, 1]) as tf.Tensor4D);
     imageGrid(x); x.dispose(); mnist.dispose();`, { kept });
  const ceiling = gridImages(restored.outputs.at(-1)!);
  line('the autoencoder\'s reconstructions of 100 real validation digits (the ceiling for its decoder)', await scoreImages(classifier, ceiling), ' |');
  ceiling.dispose();
  for (const steps of [3000, 10000]) {
    const t1 = performance.now();
    const run = await withSeededRandom(9, () => runPlaygroundFile('generative/latent-diffusion.ts', { kept, params: { count: 100, steps } }));
    if (run.error) throw new Error(`latent-diffusion.ts: ${run.error.message}`);
    const [naive, generated] = run.outputs.filter((o) => o.kind === 'images').map(gridImages);
    const took = ` ${steps} training steps${steps === 3000 ? ' (default)' : ''} in ${seconds(t1)} s |`;
    line('its 32-number codes made up number by number, decoded', await scoreImages(classifier, naive!), took);
    line('latent diffusion on its codes, 200 reverse steps, decoded', await scoreImages(classifier, generated!), took);
    tf.dispose([naive!, generated!]);
  }
}

if (parts.has('browser')) {
  const kept = new Map<string, unknown>();
  const t0 = performance.now();
  await withSeededRandom(4, () => runPlaygroundFile('generative/diffusion-train.ts', { kept }));
  const trained = `; trained in ${seconds(t0)} s`;
  const what = 'diffusion trained by the playground, default params (1,000 steps of 32 digits, 8 channels), 50 reverse steps';
  await sampleAndScore(`${what}, 0-9 in turn, guidance 2`, { model: 'trained here' }, kept, trained);
  await sampleAndScore(`${what}, any digit`, { model: 'trained here', digit: 'any' }, kept, trained);
}

if (parts.has('checkpoint')) {
  const what = 'course checkpoint (public/trained/diffusion)';
  await sampleAndScore(`${what}, any digit, 50 reverse steps`, { digit: 'any' }, new Map());
  for (const guidance of [1, 2, 3]) await sampleAndScore(`${what}, 0-9 in turn, guidance ${guidance}, 50 reverse steps`, { guidance }, new Map());
  await sampleAndScore(`${what}, 0-9 in turn, guidance 2, 200 reverse steps`, { samplingSteps: 200 }, new Map());
}
classifier.dispose();
