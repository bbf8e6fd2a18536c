/**
 * Chapter 6's course truth: runs the chapter's playgrounds, unchanged, on the VGG16
 * weights and demo photos a site folder serves (default public/, filled by
 * `npm run assets`): the classification of the course photos (transfer/classify.ts),
 * the Bo door with the frozen base (transfer/bo-door.ts) and fine-tuning of block 5
 * (transfer/fine-tune.ts). It records the top-5 classes of each course photo and the
 * validation accuracy per epoch before and after fine-tuning, and checks what the chapter
 * relies on: happy_dog.jpg's top-1 class is a dog (151-268), sleepy_cat.jpg's a cat
 * (281-285), and the Bo door reaches a validation accuracy of at least 0.9. With
 * `--strict` (the deploy) a failed check, or weights that are not ImageNet's, exits 1.
 *
 *   npm run reference:vgg16 -- [--site public] [--image-size 224] [--epochs 15] [--fine-tune-epochs 2] [--out public/data/reference/vgg16-transfer.json] [--strict]
 *
 * Seeded (Math.random: the head's starting weights and the batch order). At 224x224 on
 * one CPU core, VGG16 takes about a second per photo, so a run is several minutes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { runPlaygroundFile, withSeededRandom, type RunOutcome } from '../../tests/playgrounds/harness.ts';
import type { Output } from '../../src/runner/protocol.ts';

export interface Top5 {
  photo: string;
  classes: { classIndex: number; className: string; probability: number }[];
}

export interface Vgg16Truth {
  weights: 'imagenet' | 'untrained';
  imageSize: number;
  classification: Top5[];
  /** Validation accuracy per epoch of the frozen-base head, then of fine-tuning block 5 (its first value: before the first step). */
  frozenValAccuracy: number[];
  fineTunedValAccuracy: number[];
  failures: string[];
}

const isDog = (c: number) => c >= 151 && c <= 268;
const isCat = (c: number) => c >= 281 && c <= 285;

/** The bar charts of classify.ts: one per photo, categories "name (index)". */
function top5FromOutputs(outputs: Output[]): Top5[] {
  const result: Top5[] = [];
  for (const o of outputs) {
    if (o.kind !== 'chart' || o.spec.kind !== 'bar') continue;
    const photo = /^(.+?): top 5 of 1,000 classes/.exec(o.spec.title ?? '')?.[1];
    if (!photo) continue;
    const data = outputs.find((d) => d.kind === 'chart-data' && d.id === o.id);
    const values = data?.kind === 'chart-data' ? data.data[0]!.map(([, y]) => y) : [];
    result.push({
      photo,
      classes: (o.spec.categories ?? []).map((category, i) => {
        const [, className, index] = /^(.*) \((\d+)\)$/.exec(category) ?? [];
        return { classIndex: Number(index), className: className ?? category, probability: values[i]! };
      }),
    });
  }
  return result;
}

/** The points of series `series` of the chart titled `title`. */
export function chartSeries(outputs: Output[], title: RegExp, series: number): number[] {
  const chart = outputs.find((o) => o.kind === 'chart' && title.test(o.spec.title ?? ''));
  if (!chart || chart.kind !== 'chart') return [];
  return outputs.flatMap((o) => (o.kind === 'chart-points' && o.id === chart.id && o.series === series ? o.points.map((p) => p[1]) : []));
}

/** What the chapter relies on, as sentences naming what failed. */
export function checkTruth(t: Omit<Vgg16Truth, 'failures'>, minBoAccuracy = 0.9): string[] {
  const failures: string[] = [];
  if (t.weights !== 'imagenet') failures.push('the site has no ImageNet VGG16 weights (run npm run assets)');
  const top1 = (photo: string) => t.classification.find((c) => c.photo === photo)?.classes[0];
  const dog = top1('happy_dog.jpg');
  const cat = top1('sleepy_cat.jpg');
  if (!dog || !isDog(dog.classIndex)) failures.push(`happy_dog.jpg: top-1 is ${dog ? `${dog.classIndex} ${dog.className}` : 'missing'}, not a dog class (151-268)`);
  if (!cat || !isCat(cat.classIndex)) failures.push(`sleepy_cat.jpg: top-1 is ${cat ? `${cat.classIndex} ${cat.className}` : 'missing'}, not a cat class (281-285)`);
  const last = t.frozenValAccuracy.at(-1);
  if (last === undefined || last < minBoAccuracy) failures.push(`the Bo door's validation accuracy after ${t.frozenValAccuracy.length} epochs is ${last ?? 'missing'}, below ${minBoAccuracy}`);
  return failures;
}

function ok(run: RunOutcome, file: string): RunOutcome {
  if (run.error) throw new Error(`${file}: ${run.error.message}`);
  return run;
}

export async function vgg16Truth(options: { site: string; imageSize: number; epochs: number; fineTuneEpochs: number; seed?: number }): Promise<Vgg16Truth> {
  const kept = new Map<string, unknown>();
  const run = (file: string, params = {}) => withSeededRandom(options.seed ?? 1, () => runPlaygroundFile(file, { assetDir: options.site, kept, params })).then((r) => ok(r, file));
  const classify = await run('transfer/classify.ts');
  const { trained } = kept.get('vgg16') as { trained: boolean; model: { dispose(): void } };
  (kept.get('vgg16') as { model: { dispose(): void } }).model.dispose();
  kept.delete('vgg16');
  const bo = await run('transfer/bo-door.ts', { imageSize: options.imageSize, epochs: options.epochs });
  const tuned = await run('transfer/fine-tune.ts', { epochs: options.fineTuneEpochs });
  const truth = {
    weights: trained ? ('imagenet' as const) : ('untrained' as const),
    imageSize: options.imageSize,
    classification: top5FromOutputs(classify.outputs),
    frozenValAccuracy: chartSeries(bo.outputs, / per epoch$/, 3),
    fineTunedValAccuracy: chartSeries(tuned.outputs, /^Validation accuracy: frozen base, then fine-tuning$/, 1),
  };
  return { ...truth, failures: checkTruth(truth) };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      site: { type: 'string', default: 'public' },
      'image-size': { type: 'string', default: '224' },
      epochs: { type: 'string', default: '15' },
      'fine-tune-epochs': { type: 'string', default: '2' },
      out: { type: 'string' },
      strict: { type: 'boolean', default: false },
    },
  });
  const truth = await vgg16Truth({
    site: values.site!,
    imageSize: Number(values['image-size']),
    epochs: Number(values.epochs),
    fineTuneEpochs: Number(values['fine-tune-epochs']),
  });
  for (const c of truth.classification) console.log(`${c.photo}: ${c.classes.map((k) => `${k.classIndex} ${k.className} ${(100 * k.probability).toFixed(1)}%`).join(', ')}`);
  console.log(`Bo door, frozen base, validation accuracy per epoch: ${truth.frozenValAccuracy.map((a) => a.toFixed(3)).join(' ')}`);
  console.log(`Fine-tuning block 5, validation accuracy (start, then per epoch): ${truth.fineTunedValAccuracy.map((a) => a.toFixed(3)).join(' ')}`);
  if (values.out) {
    mkdirSync(dirname(values.out), { recursive: true });
    writeFileSync(values.out, `${JSON.stringify({ ...truth, measuredAt: new Date().toISOString() }, null, 2)}\n`);
    console.log(`wrote ${values.out}`);
  }
  for (const f of truth.failures) console.error(`FAILED: ${f}`);
  if (values.strict && truth.failures.length) process.exit(1);
}
