/**
 * Chapter 8 (generative models), part 1: the autoencoder, anomaly detection and the
 * variational autoencoder trained briefly on the bundled digits in Node, through the
 * same path as the browser, and what the chapter says about them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Output } from '../../src/runner/protocol.ts';
import { aslSampleMissing, writeAslSample } from '../../scripts/fixtures/asl-sample.ts';
import type { LayersModel } from '@tensorflow/tfjs';
import { writeDataIndex } from '../../scripts/assets/data-index.ts';
import { runPlaygroundFile, type RunOptions, type RunOutcome, withSeededRandom } from './harness.ts';

/**
 * Short trainings for CI, named: the autoencoder reached 3.3x the mean digit's error after
 * 3 epochs in its seeded run, so 4 leave a margin. The VAE with the chapter's 2-D latent
 * is measured against its own figure (a 2-D code cannot hold a digit's detail: see the
 * chapter); with 16 latent numbers and its default 10 epochs it reached 3.4x (plain
 * autoencoder 4.0x) in its seeded run, and must be 3x better than the mean digit.
 */
const AE_EPOCHS = 4;
const VAE_EPOCHS = 2;
const VAE_TIMES_BETTER = 1.1;
const WIDE_VAE = { latent: 16, epochs: 10 };
/** The latent denoiser's steps in CI (default 3,000): the loss must still fall. */
const LATENT_STEPS = 300;

type Table = Extract<Output, { kind: 'table' }>;
const tables = (outputs: Output[]) => outputs.filter((o): o is Table => o.kind === 'table');
function tableTitled(outputs: Output[], caption: RegExp): Table {
  const t = tables(outputs).find((o) => caption.test(o.caption ?? ''));
  if (!t) throw new Error(`no table captioned ${caption}; captions: ${tables(outputs).map((o) => o.caption).join(' | ')}`);
  return t;
}
/** The table's rows as objects keyed by column. */
const rowsOf = (t: Table) => t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])));
const images = (outputs: Output[]) => outputs.filter((o): o is Extract<Output, { kind: 'images' }> => o.kind === 'images');
function expectClean(run: RunOutcome, kept = 0): void {
  expect(run.error).toBeUndefined();
  expect(run.summary.tensorsAfter - run.summary.tensorsBefore).toBeLessThanOrEqual(kept);
}
/** A 112x112 drawing-pad answer with white ink where `stroke` is true. */
function drawing(stroke: (x: number, y: number) => boolean) {
  const size = 112;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data.set(stroke(x, y) ? [255, 255, 255, 255] : [0, 0, 0, 255], (y * size + x) * 4);
  return { kind: 'pixels' as const, pixels: { width: size, height: size, data } };
}

const missing = aslSampleMissing();
if (missing) console.warn(`chapter 8 hand-sign test skipped: ${missing}`);

describe('chapter 8: autoencoder and anomaly detection', () => {
  let site: string;
  const kept = new Map<string, unknown>();
  const run = (path: string, options: RunOptions = {}) => runPlaygroundFile(path, { assetDir: site, kept, ...options });

  beforeAll(() => {
    // A site with the bundled digits and, where the team's sample is here, the hand signs.
    site = mkdtempSync(join(tmpdir(), 'ch8-site-'));
    mkdirSync(join(site, 'data/mnist'), { recursive: true });
    copyFileSync('public/data/mnist/mnist-10k.bin', join(site, 'data/mnist/mnist-10k.bin'));
    if (!missing) writeAslSample(site);
  });
  afterAll(() => rmSync(site, { recursive: true, force: true }));

  it('the autoencoder rebuilds validation digits at least 3x better than the mean digit, and keeps its two halves', async () => {
    const r = await withSeededRandom(8, () => run('generative/autoencoder.ts', { params: { epochs: AE_EPOCHS } }));
    // The encoder and decoder share the autoencoder's 8 weight tensors.
    expectClean(r, 8);
    const [row] = rowsOf(tableTitled(r.outputs, /Reconstruction of the 2,000 validation digits/));
    expect(Number(row!['times better than the mean'])).toBeGreaterThanOrEqual(3);
    expect(row!['compression (784 pixels / code size)']).toBe('24.5x');
    expect(images(r.outputs).at(-1)!.items).toHaveLength(20);
    const encoder = kept.get('ae-encoder') as LayersModel;
    expect(encoder.outputs[0]!.shape).toEqual([null, 32]);
  }, 150_000);

  it('stores the 2,000 validation digits as codes 6x smaller than their pixels and restores them', async () => {
    const r = await run('generative/store-restore.ts');
    expectClean(r);
    const bytes = rowsOf(tableTitled(r.outputs, /smaller than the pixels/)).map((row) => Number(row.bytes));
    expect(bytes.slice(0, 2)).toEqual([2000 * 784, 2000 * 32 * 4]);
    const restoredError = Number(/mean squared error (\d\.\d+)/.exec(r.logs.join('\n'))![1]);
    expect(restoredError).toBeLessThan(0.03);
    expect(images(r.outputs)[0]!.items).toHaveLength(32);
  }, 60_000);

  it('trains a latent diffusion model on the autoencoder\'s 32-number codes and decodes what it generates', async () => {
    const r = await withSeededRandom(9, () => run('generative/latent-diffusion.ts', { params: { steps: LATENT_STEPS, count: 10 } }));
    expectClean(r);
    expect(rowsOf(tableTitled(r.outputs, /What the denoiser works on/)).map((row) => row['numbers per digit'])).toEqual([784, 32]);
    const losses = r.outputs.flatMap((o) => (o.kind === 'chart-points' ? o.points.map(([, y]) => y) : []));
    expect(losses).toHaveLength(LATENT_STEPS / 100);
    // Predicting no noise scores 1.
    expect(losses.at(-1)!).toBeLessThan(0.5);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    expect(images(r.outputs).map((g) => [g.items.length, g.caption?.startsWith('Decoded from')])).toEqual([[10, true], [10, true]]);
  }, 120_000);

  it.skipIf(missing !== null)('separates validation digits from the sample hand signs with ROC area >= 0.95, and from noise and inverted digits', async () => {
    const r = await withSeededRandom(3, () => run('generative/anomaly.ts'));
    expectClean(r);
    const areas = Object.fromEntries(rowsOf(tableTitled(r.outputs, /Area under/)).map((row) => [row['digits against'], Number(row['ROC area'])]));
    expect(areas['hand signs']).toBeGreaterThanOrEqual(0.95);
    expect(areas['random noise']).toBeGreaterThanOrEqual(0.99);
    expect(areas['inverted digits']).toBeGreaterThanOrEqual(0.99);
    // Rotated digits are the hard case the chapter names: still better than chance.
    expect(areas['rotated digits']).toBeGreaterThan(0.6);
    expect(areas['rotated digits']).toBeLessThan(areas['hand signs']!);
    const flagged = rowsOf(tableTitled(r.outputs, /Threshold 0.04/));
    expect(flagged.map((row) => row.set)).toEqual(['validation digits', 'random noise', 'inverted digits', 'rotated digits', 'hand signs']);
  }, 60_000);

  it('says plainly when the site has no hand signs, and still scores the rest', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'ch8-bare-'));
    mkdirSync(join(bare, 'data/mnist'), { recursive: true });
    copyFileSync('public/data/mnist/mnist-10k.bin', join(bare, 'data/mnist/mnist-10k.bin'));
    writeDataIndex(bare);
    try {
      const r = await runPlaygroundFile('generative/anomaly.ts', { assetDir: bare, kept });
      expectClean(r);
      expect(r.logs.join('\n')).toContain('No hand signs here');
      expect(r.outputs.some((o) => o.kind === 'html-note' && o.command === 'npm run assets')).toBe(true);
      expect(rowsOf(tableTitled(r.outputs, /Area under/)).map((row) => row['digits against'])).toEqual(['random noise', 'inverted digits', 'rotated digits']);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  }, 60_000);

  it('gives a drawn digit-like stroke a low score and a scribble over the pad a high one', async () => {
    const one = await run('generative/anomaly-draw.ts', { answer: () => drawing((x, y) => Math.abs(x - 56) <= 5 && y >= 16 && y <= 96) });
    expectClean(one);
    const scribble = await run('generative/anomaly-draw.ts', { answer: () => drawing((x, y) => (x + y) % 20 < 6) });
    expectClean(scribble);
    const score = (r: RunOutcome) => Number(/Anomaly score of your drawing: (\d\.\d+)/.exec(r.logs.join('\n'))![1]);
    expect(score(one)).toBeLessThan(0.04);
    expect(one.logs.join('\n')).toContain('it passes as a digit');
    expect(score(scribble)).toBeGreaterThan(0.1);
    expect(scribble.logs.join('\n')).toContain('flagged as not a digit');
  }, 60_000);
});

describe('chapter 8: variational autoencoder and the forward process', () => {
  const kept = new Map<string, unknown>();
  const chartValues = (outputs: Output[], title: string, series: number) => {
    const chart = outputs.find((o): o is Extract<Output, { kind: 'chart' }> => o.kind === 'chart' && o.spec.title === title)!;
    return outputs.flatMap((o) => (o.kind === 'chart-points' && o.id === chart.id && o.series === series ? o.points.map(([, y]) => y) : []));
  };

  it('trains a VAE with a 2-D latent space: KL >= 0, reconstruction better than the mean digit, the maps and samples', async () => {
    const r = await withSeededRandom(8, () => runPlaygroundFile('generative/vae.ts', { kept, params: { epochs: VAE_EPOCHS } }));
    // Kept: the VAE's encoder and decoder and the plain encoder, 4 weight tensors each.
    expectClean(r, 12);
    const kl = chartValues(r.outputs, 'VAE loss per digit (training)', 1);
    expect(kl).toHaveLength(VAE_EPOCHS);
    expect(kl.every((v) => v >= 0)).toBe(true);
    const reconstruction = chartValues(r.outputs, 'VAE loss per digit (training)', 0);
    expect(reconstruction.at(-1)!).toBeLessThan(reconstruction[0]!);
    const [vae, ae] = rowsOf(tableTitled(r.outputs, /Reconstruction through 2 latent numbers/));
    expect(Number(vae!['times better than the mean digit'])).toBeGreaterThanOrEqual(VAE_TIMES_BETTER);
    expect(Number(ae!['times better than the mean digit'])).toBeGreaterThanOrEqual(VAE_TIMES_BETTER);
    expect((kept.get('vae-encoder') as LayersModel).outputs[0]!.shape).toEqual([null, 4]); // mean and log-variance
    expect((kept.get('vae-decoder') as LayersModel).inputs[0]!.shape).toEqual([null, 2]);

    const map = await runPlaygroundFile('generative/latent-space.ts', { kept });
    expectClean(map);
    const spreads = rowsOf(tableTitled(map.outputs, /Where the codes lie/));
    // The KL term keeps the VAE's codes near N(0, 1); the plain codes spread wider.
    expect(Number(spreads[0]!['standard deviation'])).toBeLessThan(1.5);
    expect(Number(spreads[1]!['standard deviation'])).toBeGreaterThan(Number(spreads[0]!['standard deviation']));
    expect(images(map.outputs).map((g) => g.items.length)).toEqual([144, 24, 12]);
  }, 200_000);

  it(`a VAE with ${WIDE_VAE.latent} latent numbers rebuilds validation digits at least 3x better than the mean digit`, async () => {
    const r = await withSeededRandom(8, () => runPlaygroundFile('generative/vae.ts', { kept: new Map(), params: WIDE_VAE }));
    expectClean(r, 12);
    const [vae, ae] = rowsOf(tableTitled(r.outputs, new RegExp(`Reconstruction through ${WIDE_VAE.latent} latent numbers`)));
    expect(Number(vae!['times better than the mean digit'])).toBeGreaterThanOrEqual(3);
    expect(Number(ae!['times better than the mean digit'])).toBeGreaterThanOrEqual(3);
    expect(chartValues(r.outputs, 'VAE loss per digit (training)', 1).every((v) => v >= 0)).toBe(true);
  }, 300_000);

  it('the one-jump forward process q(x_t | x_0) matches 199 single steps', async () => {
    const r = await withSeededRandom(5, () => runPlaygroundFile('generative/forward.ts', { params: { t: 100 } }));
    expectClean(r);
    const rows = rowsOf(tableTitled(r.outputs, /Single steps against the jump/));
    expect(rows.map((row) => row.t)).toEqual([1, 10, 50, 100, 199]);
    for (const row of rows) {
      expect(Number(row['largest pixel difference, steps vs jump'])).toBeLessThanOrEqual(1e-5);
      expect(Math.abs(Number(row['noise std of the steps (200 images)']) - Number(row['noise std, the jump']))).toBeLessThan(0.01);
    }
    expect(images(r.outputs)[0]!.caption).toContain('Step t = 100: 27.0% of the signal left');
  }, 90_000);
});
