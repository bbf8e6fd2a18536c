/**
 * Writes public/data/index.json from the data set files that exist, so the site's
 * loaders never guess: `npm run data` (bundled MNIST) and `npm run assets` (full
 * MNIST, Sign Language MNIST) both call it after writing files.
 */
import { existsSync, readFileSync, statSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { decodeDataset } from '../../src/course/data/dataset-format.ts';
import type { DataIndex, DataIndexEntry, DataFileInfo } from '../../src/course/data/data-index.ts';
import { DATA_INDEX_PATH } from '../../src/course/data/data-index.ts';
import { writeFileAtomic } from './write-atomic.ts';

export const DATA_FILES = {
  mnistBundled: 'data/mnist/mnist-10k.bin',
  mnistTrain: 'data/mnist/mnist-train-60k.bin',
  mnistTest: 'data/mnist/mnist-test-10k.bin',
  aslTrain: 'data/asl/asl-train.bin',
  aslValid: 'data/asl/asl-valid.bin',
} as const;

interface Candidate {
  id: string;
  source: string;
  files: Record<string, string>;
}

// First candidate per id whose files all exist wins: `mnist` is the full set when fetched,
// else the bundled one; `mnist-bundled` is always the bundled one, for code that asks for it.
const CANDIDATES: Candidate[] = [
  { id: 'mnist', source: 'full 70,000', files: { train: DATA_FILES.mnistTrain, test: DATA_FILES.mnistTest } },
  { id: 'mnist', source: 'bundled 10,000', files: { all: DATA_FILES.mnistBundled } },
  { id: 'mnist-bundled', source: 'bundled 10,000', files: { all: DATA_FILES.mnistBundled } },
  { id: 'asl', source: 'Sign Language MNIST', files: { train: DATA_FILES.aslTrain, validation: DATA_FILES.aslValid } },
];

function describe(publicDir: string, path: string): DataFileInfo {
  const full = join(publicDir, path);
  // Validates the whole file, so a corrupt file is reported at build time, not in a reader's browser.
  const ds = decodeDataset(new Uint8Array(readFileSync(full)), full);
  return { path, count: ds.count, bytes: statSync(full).size };
}

export function buildDataIndex(publicDir: string): DataIndex {
  const datasets: Record<string, DataIndexEntry> = {};
  for (const c of CANDIDATES) {
    if (datasets[c.id]) continue;
    const paths = Object.values(c.files);
    if (!paths.every((p) => existsSync(join(publicDir, p)))) continue;
    const files: Record<string, DataFileInfo> = {};
    for (const [split, p] of Object.entries(c.files)) files[split] = describe(publicDir, p);
    datasets[c.id] = { source: c.source, files };
  }
  return { version: 1, datasets };
}

/** Returns the index it wrote. */
export function writeDataIndex(publicDir: string): DataIndex {
  const index = buildDataIndex(publicDir);
  const out = join(publicDir, DATA_INDEX_PATH);
  mkdirSync(dirname(out), { recursive: true });
  const text = JSON.stringify(index, null, 2) + '\n';
  if (!existsSync(out) || readFileSync(out, 'utf8') !== text) writeFileAtomic(out, text);
  return index;
}
