/**
 * Chapter 6 (VGG16 and transfer learning): every playground runs in Node through the
 * browser's code path, on the real demo photos of ../shared/data/ and on stand-in VGG16
 * weights (the real architecture and file layout, seeded random values: see
 * scripts/fixtures/vgg16-stand-in.ts). What the real ImageNet weights reach is the job of
 * scripts/reference/vgg16-transfer.ts; here the pipeline must be right: the preprocessing,
 * the door's rule, the frozen base untouched, the features computed once per photo.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { InputValue, Output } from '../../src/runner/protocol.ts';
import { runPlaygroundFile, withSeededRandom, type RunOutcome } from './harness.ts';
import { type Table, tables, tableTitled } from './outputs.ts';
import { chapter6Site, HAS_PHOTOS, NO_PHOTOS_REASON } from './chapter6-site.ts';
import { SHARED_DATA } from '../../scripts/fixtures/shared-data.ts';
import { createNodeHost } from '../../src/course/hosts/node.ts';
import { setHost } from '../../src/course/host.ts';
import * as images from '../../src/course/images/index.ts';

const notes = (outputs: Output[]) => outputs.flatMap((o) => (o.kind === 'html-note' ? [o.text] : []));
function expectClean(run: RunOutcome, { keeps = false } = {}): void {
  expect(run.error).toBeUndefined();
  if (keeps) expect(run.summary.kept?.length).toBeGreaterThan(0);
  else expect(run.summary.tensorsAfter - run.summary.tensorsBefore).toBeLessThanOrEqual(0);
}
/** Epoch losses the per-epoch chart received for series `series` (0 = loss). */
function epochSeries(outputs: Output[], series = 0): number[] {
  const chart = outputs.find((o) => o.kind === 'chart' && / per epoch$/.test(o.spec.title ?? ''));
  if (!chart || chart.kind !== 'chart') throw new Error('no per-epoch chart');
  return outputs.flatMap((o) => (o.kind === 'chart-points' && o.id === chart.id && o.series === series ? o.points.map((p) => p[1]) : []));
}
const photoFile = async (path: string): Promise<InputValue> => ({ kind: 'file', name: path.split('/').at(-1)!, bytes: new Uint8Array(await readFile(path)) });

/** Small sizes: the pipeline is the same at 32x32, VGG16 costs 49 times less than at 224. */
const SMALL = 32;
let site: string;

describe.skipIf(!HAS_PHOTOS)(`chapter 6: VGG16 and transfer learning${HAS_PHOTOS ? '' : ` (skipped: ${NO_PHOTOS_REASON})`}`, () => {
  beforeAll(async () => {
    site = await chapter6Site(['notop', 'full']);
  }, 120_000);

  it('counts VGG16 weights per layer and block as Keras does', async () => {
    const run = await runPlaygroundFile('transfer/vgg16-layers.ts');
    expectClean(run);
    const layers = tableTitled(run.outputs, /layer by layer: 138,357,544 weights/);
    expect(layers.rows).toHaveLength(23);
    expect(layers.rows.find((r) => r[0] === 'block1_conv1')).toEqual(['block1_conv1', 'Conv2D', '224 x 224 x 64', 1792]);
    expect(layers.rows.find((r) => r[0] === 'fc1')![3]).toBe(102_764_544);
    const blocks = tableTitled(run.outputs, /per block/);
    expect(blocks.rows.find((r) => r[0] === 'block5')).toEqual(['block5', 4, '7 x 7 x 512', 7_079_424, '5.1%']);
    expect(run.logs).toContain('16 layers with weights (the "16" in VGG16); without the top, 14,714,688 weights remain.');
  });

  it('prepares a real JPEG exactly as a direct computation of the centre crop, bilinear resize and Keras caffe preprocessing', async () => {
    const path = join(SHARED_DATA, 'doggy_door_images/happy_dog.jpg');
    const { data, info } = await sharp(await readFile(path)).autoOrient().removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1800, 1200]);
    // Centre square of 1200x1200 from x = 300, then half-pixel-centred bilinear to 224x224.
    const side = 1200, x0 = 300, out = 224, scale = side / out;
    const at = (x: number, y: number, c: number) => data[(y * info.width + x0 + x) * 3 + c]!;
    const expected = new Float32Array(out * out * 3);
    const mean = [103.939, 116.779, 123.68];
    for (let y = 0; y < out; y++) for (let x = 0; x < out; x++) {
      const sy = Math.max(0, (y + 0.5) * scale - 0.5), sx = Math.max(0, (x + 0.5) * scale - 0.5);
      const y1 = Math.floor(sy), x1 = Math.floor(sx), y2 = Math.min(y1 + 1, side - 1), x2 = Math.min(x1 + 1, side - 1);
      const fy = sy - y1, fx = sx - x1;
      for (let c = 0; c < 3; c++) {
        const v = (1 - fy) * ((1 - fx) * at(x1, y1, c) + fx * at(x2, y1, c)) + fy * ((1 - fx) * at(x1, y2, c) + fx * at(x2, y2, c));
        // caffe: BGR order, minus the ImageNet mean of that channel
        expected[(y * out + x) * 3 + (2 - c)] = v - mean[2 - c]!;
      }
    }
    await tf.setBackend('cpu');
    setHost(createNodeHost({ assetDir: site }));
    const pixels = await images.decode(new Uint8Array(await readFile(path)), 'happy_dog.jpg');
    const x = images.toModelInput(pixels, images.VGG16_INPUT);
    expect(x.shape).toEqual([1, 224, 224, 3]);
    const got = x.dataSync();
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - expected[i]!));
    expect(worst).toBeLessThan(1e-4);
    // and the display helper undoes it
    const back = images.vgg16Deprocess(x);
    const rgb = new Float32Array(out * out * 3);
    for (let i = 0; i < rgb.length; i += 3) for (let c = 0; c < 3; c++) rgb[i + c] = expected[i + 2 - c]! + mean[2 - c]!;
    const shown = back.dataSync();
    let worstShown = 0;
    for (let i = 0; i < shown.length; i++) worstShown = Math.max(worstShown, Math.abs(shown[i]! - rgb[i]!));
    expect(worstShown).toBeLessThan(1e-3);
    tf.dispose([x, back]);
    setHost(undefined);
  });

  it('decodes a WebP named .jpg by its content, and names a file that is not an image', async () => {
    setHost(createNodeHost({ assetDir: site }));
    const webp = await images.load('data/photos/presidential_doggy_door/train/bo/bo_13.jpg');
    expect([webp.width, webp.height]).toEqual([1500, 1998]);
    await expect(images.decode(new TextEncoder().encode('{"not": "a photo"}'), 'notes.jpg')).rejects.toThrow(/^notes\.jpg: not a JPEG, PNG, WebP or GIF image/);
    setHost(undefined);
  });

  it('classifies the course photos and yours with the full model, labelled untrained, and the door follows its rule', async () => {
    const kept = new Map<string, unknown>();
    const classify = await runPlaygroundFile('transfer/classify.ts', { assetDir: site, kept });
    expectClean(classify, { keeps: true });
    expect(notes(classify.outputs).some((t) => /stand-in VGG16 weights .*untrained/.test(t))).toBe(true);
    const bars = classify.outputs.filter((o) => o.kind === 'chart' && o.spec.kind === 'bar');
    expect(bars.map((b) => b.kind === 'chart' && b.spec.title)).toEqual([
      'happy_dog.jpg: top 5 of 1,000 classes (untrained weights: meaningless)',
      'sleepy_cat.jpg: top 5 of 1,000 classes (untrained weights: meaningless)',
    ]);
    const seen = classify.outputs.filter((o) => o.kind === 'images');
    expect(seen.map((o) => o.kind === 'images' && [o.items[0]!.width, o.items[0]!.height])).toEqual([[224, 224], [224, 224]]);
    expect(classify.logs[0]).toMatch(/^happy_dog\.jpg: (\S.* \d+\.\d%, ){4}\S.* \d+\.\d%$/);
    expect(classify.logs[1]).toMatch(/^VGG16 took \d+\.\d\d s for happy_dog\.jpg on wasm/);
    expect((kept.get('vgg16') as { trained: boolean }).trained).toBe(false);

    const yours = await runPlaygroundFile('transfer/classify-yours.ts', { assetDir: site, kept, answer: () => photoFile(join(SHARED_DATA, 'presidential_doggy_door/valid/bo/bo_20.jpg')) });
    expectClean(yours);
    expect(yours.logs[0]).toMatch(/^Top-1: .+ \(class \d+\), \d+\.\d%; the top 5 together: \d+\.\d%\.$/);

    // A file that is not an image, handed over as a reader would: an error naming it.
    const notImage = await runPlaygroundFile('transfer/classify-yours.ts', {
      assetDir: site,
      kept,
      answer: () => ({ kind: 'file', name: 'holiday.txt', bytes: new TextEncoder().encode('not an image') }),
    });
    expect(notImage.error?.message).toMatch(/holiday\.txt: not a JPEG, PNG, WebP or GIF image \(12 bytes/);

    const door = await runPlaygroundFile('transfer/doggy-door.ts', { assetDir: site, kept, answer: () => photoFile(join(SHARED_DATA, 'doggy_door_images/sleepy_cat.jpg')) });
    expectClean(door);
    expect(tableTitled(door.outputs, /edges of the dog and cat ranges/).rows).toEqual([
      [150, 'sea lion', 'closed: not a dog'],
      [151, 'Chihuahua', 'open: a dog'],
      [207, 'golden retriever', 'open: a dog'],
      [268, 'Mexican hairless', 'open: a dog'],
      [269, 'timber wolf', 'closed: not a dog'],
      [280, 'grey fox', 'closed: not a dog'],
      [281, 'tabby', 'closed: a cat'],
      [285, 'Egyptian cat', 'closed: a cat'],
      [286, 'cougar', 'closed: not a dog'],
    ]);
    // Each photo's verdict is the rule applied to the top class it printed.
    expect(door.logs.map((l) => l.split(':')[0])).toEqual(['happy_dog.jpg', 'sleepy_cat.jpg', 'your photo']);
    const verdicts = door.logs.map((l) => /: top class (\d+) .*, door (.+?)( \(untrained|$)/.exec(l)!);
    for (const [, cls, verdict] of verdicts) {
      const c = Number(cls);
      expect(verdict).toBe(c >= 151 && c <= 268 ? 'open: a dog' : c >= 281 && c <= 285 ? 'closed: a cat' : 'closed: not a dog');
    }
    (kept.get('vgg16') as { model: tf.LayersModel }).model.dispose();
  }, 240_000);

  it('trains the Bo head on cached features: loss falls, frozen weights stay bit-identical, each photo goes through VGG16 once', async () => {
    const kept = new Map<string, unknown>();
    const first = await withSeededRandom(6, () => runPlaygroundFile('transfer/bo-door.ts', { assetDir: site, kept, params: { imageSize: SMALL, epochs: 10 } }));
    expectClean(first, { keeps: true });
    expect(first.logs[0]).toBe('Photos: 138 (18 Bo) for training, 30 (10 Bo) for validation.');
    expect(first.logs).toContain('VGG16 ran on 168 photos this run; 0 features came from the kernel\'s cache.');
    expect(first.logs).toContainEqual(expect.stringMatching(/^Features took \d+\.\d s on wasm: \d+\.\d\d s per photo, decoding included\.$/));
    expect(first.logs).toContain('Frozen weights that changed in training: 0 of 14,714,688.');
    expect(tableTitled(first.outputs, /whole door model: 14,715,201 weights/).rows).toEqual([['VGG16 base (frozen)', 14_714_688], ['head: pool + dense (trainable)', 513]]);
    const losses = epochSeries(first.outputs);
    expect(losses).toHaveLength(10);
    expect(losses.at(-1)!).toBeLessThan(0.9 * losses[0]!);
    expect(first.logs.at(-1)).toMatch(/^Validation accuracy after 10 epochs: \d\.\d{3} \(always saying "not Bo" would score 0\.667\)\.$/);
    const grid = first.outputs.find((o) => o.kind === 'images' && o.items.length === 30);
    expect(grid).toBeDefined();

    const cache = kept.get('vgg16-features') as { computed: number; features: Map<string, Float32Array> };
    expect(cache.computed).toBe(168);
    const second = await runPlaygroundFile('transfer/bo-door.ts', { assetDir: site, kept, params: { imageSize: SMALL, epochs: 2 } });
    expect(second.error).toBeUndefined();
    expect(second.logs).toContain('VGG16 ran on 0 photos this run; 168 features came from the kernel\'s cache.');
    expect(cache.computed).toBe(168);
    expect(cache.features.size).toBe(168);

    // Fine-tuning block 5 from that head: blocks 1-4 do not move, block 5 moves a little.
    const tuned = await withSeededRandom(7, () => runPlaygroundFile('transfer/fine-tune.ts', { assetDir: site, kept, params: { epochs: 1 } }));
    expectClean(tuned);
    const changes = tableTitled(tuned.outputs, /Weight changes after 1 epoch at learning rate 0.000001/).rows;
    expect(changes.map((r) => r.slice(0, 3))).toEqual([
      ['block1', 'no', 38_720],
      ['block2', 'no', 221_440],
      ['block3', 'no', 1_475_328],
      ['block4', 'no', 5_899_776],
      ['block5', 'yes', 7_079_424],
    ]);
    for (const row of changes.slice(0, 4)) expect(row.slice(3)).toEqual([0, '0.00e+0']);
    const [, , , changed, largest] = changes[4]!;
    expect(changed as number).toBeGreaterThan(1_000_000);
    expect(Number(largest)).toBeGreaterThan(0);
    expect(Number(largest)).toBeLessThan(1e-4); // Adam's steps are about one learning rate each: 4 steps of 1e-6
    const chart = tuned.outputs.find((o) => o.kind === 'chart' && o.spec.title === 'Validation accuracy: frozen base, then fine-tuning');
    expect(chart).toBeDefined();
    const points = tuned.outputs.flatMap((o) => (o.kind === 'chart-points' && chart?.kind === 'chart' && o.id === chart.id ? o.points.map(() => o.series) : []));
    expect(points.filter((s) => s === 0)).toHaveLength(2); // the frozen run's last two epochs (it was run again with 2)
    expect(points.filter((s) => s === 1)).toHaveLength(2); // fine-tuning's start, and its one epoch

    // Augmentation: the grid, the cost stated first, then training on fresh versions each epoch.
    const augmented = await withSeededRandom(8, () => runPlaygroundFile('transfer/augment.ts', { assetDir: site, kept, params: { epochs: 2, training: 'augmented' } }));
    expectClean(augmented);
    const grid9 = augmented.outputs.find((o) => o.kind === 'images');
    expect(grid9?.kind === 'images' && grid9.items.map((i) => [i.label, i.width])).toEqual([['original', 37], ...Array.from({ length: 8 }, (_, i) => [`random ${i + 1}`, 32])]);
    expect(augmented.logs[0]).toMatch(/^VGG16 takes \d+\.\d\d s per 32x32 photo on wasm: augmented training needs \d+\.\d min per epoch, \d+\.\d min for 2 epochs\.$/);
    const epochBars = augmented.outputs.filter((o) => o.kind === 'progress' && /^epoch \d\/2: fresh random versions/.test(o.label));
    expect(new Set(epochBars.map((o) => o.kind === 'progress' && o.label))).toEqual(new Set(['epoch 1/2: fresh random versions through VGG16', 'epoch 2/2: fresh random versions through VGG16']));
    expect(augmented.logs.at(-1)).toMatch(/^Validation accuracy after 2 augmented epochs: \d\.\d{3}\.$/);
    // On WASM, auto takes the cached path and says so.
    const auto = await runPlaygroundFile('transfer/augment.ts', { assetDir: site, kept, params: { epochs: 1 } });
    expectClean(auto);
    expect(auto.outputs.some((o) => o.kind === 'html-note' && /^Training on the cached, un-augmented features instead \(training: auto, on wasm\)/.test(o.text))).toBe(true);
  }, 300_000);

  it('learns your own classes from photos handed in as files, and predicts new ones', async () => {
    const bo = (n: number) => join(SHARED_DATA, `presidential_doggy_door/train/bo/bo_${n}.jpg`);
    const other = (n: number) => join(SHARED_DATA, `presidential_doggy_door/train/not_bo/${n}.jpg`);
    const queue = [bo(1), bo(2), bo(3), other(1), other(2), other(3), bo(4), other(4)];
    const prompts: string[] = [];
    const run = await withSeededRandom(9, () =>
      runPlaygroundFile('transfer/your-classes.ts', {
        assetDir: site,
        params: { classes: 'Bo, another dog', photosPerClass: 3, guesses: 2, imageSize: SMALL },
        answer: (req) => (prompts.push(req.prompt), photoFile(queue.shift()!)),
      }),
    );
    expectClean(run);
    expect(prompts.slice(0, 4)).toEqual([
      '"Bo": photo 1 of 3 (vary the angle and the distance)',
      '"Bo": photo 2 of 3 (vary the angle and the distance)',
      '"Bo": photo 3 of 3 (vary the angle and the distance)',
      '"another dog": photo 1 of 3 (vary the angle and the distance)',
    ]);
    expect(prompts.at(-1)).toBe('Show one of Bo / another dog: guess 2 of 2');
    expect(run.logs[0]).toMatch(/^The head \(1026 weights\) trained 50 epochs in \d+\.\d s; training accuracy \d\.\d\d \(on untrained VGG16 features\)\.$/);
    const guesses = tableTitled(run.outputs, /What the head said/);
    expect(guesses.rows).toHaveLength(2);
    expect(guesses.rows.every((r) => r[1] === 'Bo' || r[1] === 'another dog')).toBe(true);
    // Too few classes is a clear error, not a broken model.
    const one = await runPlaygroundFile('transfer/your-classes.ts', { assetDir: site, params: { classes: 'mug' } });
    expect(one.error?.message).toBe('classes: name at least two, separated by commas (got "mug")');
  }, 90_000);
});

describe.skipIf(!HAS_PHOTOS)('chapter 6 course truth (scripts/reference/vgg16-transfer.ts)', () => {
  it('records the top 5 and the validation accuracy per epoch, and fails on weights that are not ImageNet\'s', async () => {
    const { vgg16Truth, checkTruth } = await import('../../scripts/reference/vgg16-transfer.ts');
    const site = await chapter6Site(['notop', 'full']);
    const truth = await vgg16Truth({ site, imageSize: SMALL, epochs: 2, fineTuneEpochs: 1 });
    expect(truth.weights).toBe('untrained');
    expect(truth.classification.map((c) => c.photo)).toEqual(['happy_dog.jpg', 'sleepy_cat.jpg']);
    for (const c of truth.classification) {
      expect(c.classes).toHaveLength(5);
      expect(c.classes.every((k) => Number.isInteger(k.classIndex) && k.classIndex >= 0 && k.classIndex < 1000 && k.probability > 0)).toBe(true);
    }
    expect(truth.frozenValAccuracy).toHaveLength(2);
    expect(truth.fineTunedValAccuracy).toHaveLength(2);
    expect(truth.failures[0]).toBe('the site has no ImageNet VGG16 weights (run npm run assets)');
    // The checks themselves, on figures the real model would give:
    const real = {
      weights: 'imagenet' as const,
      imageSize: 224,
      classification: [
        { photo: 'happy_dog.jpg', classes: [{ classIndex: 208, className: 'Labrador retriever', probability: 0.6 }] },
        { photo: 'sleepy_cat.jpg', classes: [{ classIndex: 281, className: 'tabby', probability: 0.5 }] },
      ],
      frozenValAccuracy: [0.7, 0.93],
      fineTunedValAccuracy: [0.93, 0.97],
    };
    expect(checkTruth(real)).toEqual([]);
    expect(checkTruth({ ...real, frozenValAccuracy: [0.7, 0.8] })).toEqual(["the Bo door's validation accuracy after 2 epochs is 0.8, below 0.9"]);
    expect(checkTruth({ ...real, classification: [real.classification[1]!, { ...real.classification[1]!, photo: 'sleepy_cat.jpg' }] })[0]).toMatch(/^happy_dog\.jpg: top-1 is missing/);
  }, 240_000);
});
