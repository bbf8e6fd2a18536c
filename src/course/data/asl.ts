/**
 * `course.data.asl()`: Sign Language MNIST, 28x28 grey photos of hands signing the
 * American Sign Language alphabet: 24 classes, labelled as in asl-labels.ts.
 *
 * Not bundled: `npm run assets` fetches and packs it. Without it this throws an
 * AssetMissingError that pages show as a notice with the command.
 */
import { getHost } from '../host.ts';
import { ASL_LETTERS } from './asl-labels.ts';
import { assetMissing } from './errors.ts';
import { datasetEntry, fetchDataset } from './load.ts';
import { shuffledIndices } from './shuffle.ts';
import { disposeAll, toTensors, type LabelledImages } from './tensors.ts';


export interface AslOptions {
  /** Seed of the deterministic shuffle. Default 42. */
  seed?: number;
  /** Use at most this many training examples (and a proportional share of validation). */
  limit?: number;
}

export interface AslData {
  train: LabelledImages;
  validation: LabelledImages;
  /** `letters[label]` is the letter of a label (A-Y without J). */
  letters: readonly string[];
  numClasses: 24;
  source: string;
  dispose(): void;
}

export async function asl(options: AslOptions = {}): Promise<AslData> {
  const { seed = 42, limit } = options;
  const entry = await datasetEntry('asl');
  if (!entry?.files.train || !entry.files.validation) {
    throw assetMissing('Sign Language MNIST', 'it is not bundled: the deploy downloads it');
  }
  const trainSet = await fetchDataset(entry.files.train, 'Sign Language MNIST: train');
  const validSet = await fetchDataset(entry.files.validation, 'Sign Language MNIST: validation');
  const nValid = limit === undefined ? undefined : Math.max(1, Math.round((limit * validSet.count) / trainSet.count));
  const train = toTensors(trainSet, shuffledIndices(trainSet.count, seed, limit));
  const validation = toTensors(validSet, shuffledIndices(validSet.count, seed + 1, nValid));
  getHost().emit({
    kind: 'log',
    level: 'info',
    text: `Sign Language MNIST: ${train.labels.length.toLocaleString('en-US')} train / ${validation.labels.length.toLocaleString('en-US')} validation images, 24 letters (no J, no Z)`,
  });
  return { train, validation, letters: ASL_LETTERS, numClasses: 24, source: entry.source, dispose: () => disposeAll(train, validation) };
}
