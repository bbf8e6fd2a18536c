import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'fflate';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { contextFor, runAssets } from '../../scripts/assets/run.ts';
import { writeDataIndex } from '../../scripts/assets/data-index.ts';
import * as course from '../../src/course/index.ts';
import type { AssetEntry } from '../../scripts/assets/manifest.ts';
import { setHost } from '../../src/course/host.ts';
import { asl } from '../../src/course/data/index.ts';
import { startServer, type TestServer } from './assets-server-fixture.ts';
import { fileHost } from './data-host-fixture.ts';

let server: TestServer;
let dir: string;
let publicDir: string;
let cacheDir: string;
const lines: string[] = [];
const opts = (strict = false) => ({ publicDir, cacheDir, strict, log: (l: string) => void lines.push(l) });

beforeAll(async () => {
  server = await startServer();
  // Points the manifest's upstream URLs at the local server before it is loaded.
  process.env.ASL_TRAIN_URL = server.url('/asl/train.csv');
  process.env.ASL_VALID_URL = server.url('/asl/valid.csv');
  process.env.ML_DEMOS_DATA_URL = server.url('/ml-demos/data');
  await tf.setBackend('cpu');
});
afterAll(async () => {
  delete process.env.ASL_TRAIN_URL;
  delete process.env.ASL_VALID_URL;
  delete process.env.ML_DEMOS_DATA_URL;
  setHost(undefined);
  await server.close();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'assets-run-'));
  publicDir = join(dir, 'public');
  cacheDir = join(dir, 'cache');
  server.files.clear();
  server.requests.length = 0;
  lines.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function entry(id: string, path: string, optional = false): AssetEntry {
  return {
    id,
    title: `test asset ${id}`,
    optional,
    downloads: [{ file: 'x.txt', urls: [server.url(path)], check: (p) => void (readFileSync(p, 'utf8').startsWith('ok') || (() => { throw new Error(`${p}: bad`); })()) }],
    outputs: [`data/${id}.txt`],
    convert: (ctx) => ctx.copy('x.txt', `data/${id}.txt`),
  };
}

describe('runAssets', () => {
  it('fetches and converts, then finds everything up to date without a request', async () => {
    server.files.set('/a', { body: new TextEncoder().encode('ok a') });
    const first = await runAssets([entry('a', '/a')], opts(true));
    expect(first).toMatchObject({ fetched: ['a'], missing: [], exitCode: 0 });
    expect(readFileSync(join(publicDir, 'data/a.txt'), 'utf8')).toBe('ok a');
    expect(existsSync(join(publicDir, 'data/index.json'))).toBe(true);
    const requests = server.requests.length;
    const second = await runAssets([entry('a', '/a')], opts(true));
    expect(second.upToDate).toEqual(['a']);
    expect(server.requests.length).toBe(requests);
  });

  it('reports each missing asset in one line; --strict fails only for required ones', async () => {
    server.files.set('/a', { body: new TextEncoder().encode('ok a') });
    const entries = [entry('a', '/a'), entry('gone', '/404'), entry('extra', '/404', true)];
    const lenient = await runAssets(entries, opts(false));
    expect(lenient.exitCode).toBe(0);
    expect(lines.filter((l) => l.startsWith('MISSING'))).toEqual([
      expect.stringMatching(/^MISSING  gone: test asset gone: x\.txt: http:\/\/127\.0\.0\.1:\d+\/404: HTTP 404 Not Found$/),
      expect.stringMatching(/^MISSING  extra \(optional\): /),
    ]);
    expect((await runAssets(entries, opts(true))).exitCode).toBe(1);
    expect((await runAssets([entry('a', '/a'), entry('extra', '/404', true)], opts(true))).exitCode).toBe(0);
    await expect(runAssets(entries, { ...opts(), only: ['nope'] })).rejects.toThrow(/unknown asset id\(s\): nope/);
  });
});

/**
 * Sign Language MNIST rows with Kaggle labels (0-24, no 9); row r shows letter
 * r % 24, and its pixels are 10x that letter's contiguous label, so a test can
 * check that images and renumbered labels stay paired.
 */
function signCsv(rows: number): string {
  const kaggle = Array.from({ length: 25 }, (_, i) => i).filter((l) => l !== 9);
  const out = ['label,' + Array.from({ length: 784 }, (_, i) => `pixel${i + 1}`).join(',')];
  for (let r = 0; r < rows; r++) out.push(`${kaggle[r % 24]},${new Array(784).fill((r % 24) * 10).join(',')}`);
  return out.join('\n') + '\n';
}

describe('the real manifest against a local upstream', () => {
  it('downloads, checks and packs Sign Language MNIST, which course.data.asl() then serves', async () => {
    const { ASSETS } = await import('../../scripts/assets/manifest.ts');
    server.files.set('/asl/train.csv', { body: new TextEncoder().encode(signCsv(1200)) });
    server.files.set('/asl/valid.csv', { body: new TextEncoder().encode(signCsv(1000)) });
    const report = await runAssets(ASSETS, { ...opts(true), only: ['asl'] });
    expect(report).toMatchObject({ fetched: ['asl'], missing: [], exitCode: 0 });
    expect(lines.some((l) => l.includes('1200 train + 1000 valid images, labels kaggle 0-24 without 9'))).toBe(true);
    const index = JSON.parse(readFileSync(join(publicDir, 'data/index.json'), 'utf8'));
    expect(index.datasets.asl.files.train.count).toBe(1200);

    setHost(fileHost(publicDir));
    const data = await asl({ seed: 1 });
    expect(data.train.xs.shape).toEqual([1200, 28, 28, 1]);
    expect(data.validation.ys.shape).toEqual([1000, 24]);
    const px = data.train.xs.dataSync();
    for (let k = 0; k < 1200; k++) expect(Math.round(px[k * 784]! * 255)).toBe(data.train.labels[k]! * 10);
    expect(new Set(data.train.labels).size).toBe(24);
    expect(data.letters[23]).toBe('Y');
    data.dispose();
  }, 30_000);

  it('rejects an upstream CSV with the wrong columns before packing', async () => {
    const { ASSETS } = await import('../../scripts/assets/manifest.ts');
    server.files.set('/asl/train.csv', { body: new TextEncoder().encode('label,pixel1,pixel2\n1,2,3\n') });
    server.files.set('/asl/valid.csv', { body: new TextEncoder().encode(signCsv(1000)) });
    const report = await runAssets(ASSETS, { ...opts(true), only: ['asl'] });
    expect(report.exitCode).toBe(1);
    expect(report.missing[0]!.reason).toMatch(/first line has 3 columns, expected 785/);
    expect(existsSync(join(publicDir, 'data/asl/asl-train.bin'))).toBe(false);
  });

  const shared = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
  it.skipIf(!existsSync(shared))('fetches the demo photo set whose file list matches the course photos', async () => {
    const { ASSETS, PHOTO_FILES } = await import('../../scripts/assets/manifest.ts');
    // ../shared/data holds all upstream photos but two (bo_11.jpg, brown_bear.jpg).
    const local = PHOTO_FILES.filter((f) => existsSync(join(shared, f)));
    expect(PHOTO_FILES.filter((f) => !local.includes(f))).toEqual(['presidential_doggy_door/train/bo/bo_11.jpg', 'doggy_door_images/brown_bear.jpg']);
    for (const f of local) server.files.set(`/ml-demos/data/${f}`, { body: new Uint8Array(readFileSync(join(shared, f))) });
    const report = await runAssets(ASSETS, { ...opts(true), only: ['photos'] });
    expect(report).toMatchObject({ fetched: ['photos'], exitCode: 0 });
    expect(report.missing).toEqual([expect.objectContaining({ id: 'photos', optional: true, reason: expect.stringMatching(/^2 of 174 files could not be fetched/) })]);
    const index = JSON.parse(readFileSync(join(publicDir, 'data/photos/index.json'), 'utf8'));
    expect(index.photos).toHaveLength(172);
    expect(index.photos).toContain('data/photos/presidential_doggy_door/train/bo/bo_13.jpg');
    expect(existsSync(join(publicDir, 'data/photos/asl_images/b.png'))).toBe(true);
  }, 30_000);

  it('keeps the photos that arrived when some are missing upstream, and reports the rest as optional', async () => {
    const { ASSETS, PHOTO_FILES } = await import('../../scripts/assets/manifest.ts');
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0);
    server.files.set(`/ml-demos/data/${PHOTO_FILES[0]}`, { body: png });
    const report = await runAssets(ASSETS, { ...opts(true), only: ['photos'] });
    expect(report.exitCode).toBe(0);
    expect(report.missing).toEqual([expect.objectContaining({ id: 'photos', optional: true, reason: expect.stringMatching(/^173 of 174 files could not be fetched/) })]);
    expect(JSON.parse(readFileSync(join(publicDir, 'data/photos/index.json'), 'utf8')).photos).toEqual([`data/photos/${PHOTO_FILES[0]}`]);
  });
});

describe('full MNIST conversion', () => {
  /** A gzipped IDX file as published, example i filled with fill(i). */
  function gzIdx(dims: number[], fill: (i: number) => number, per: number): Uint8Array {
    const header = new Uint8Array(4 + 4 * dims.length);
    header.set([0, 0, 0x08, dims.length]);
    dims.forEach((d, i) => new DataView(header.buffer).setUint32(4 + 4 * i, d, false));
    const data = new Uint8Array(header.length + dims[0]! * per);
    data.set(header);
    for (let i = 0; i < dims[0]!; i++) data.fill(fill(i), header.length + i * per, header.length + (i + 1) * per);
    return gzipSync(data, { level: 1 });
  }

  it('converts the four IDX files into the 60k/10k set that course.data.mnist() serves as "full 70,000"', async () => {
    const { ASSETS } = await import('../../scripts/assets/manifest.ts');
    const mnist = ASSETS.find((a) => a.id === 'mnist')!;
    const gz = join(dir, 'gz');
    mkdirSync(gz, { recursive: true });
    const write = (name: string, bytes: Uint8Array) => (writeFileSync(join(gz, name), bytes), join(gz, name));
    const files = {
      // Image i shows 25x its label, so the test can see images and labels stay paired.
      'train-images-idx3-ubyte.gz': write('a', gzIdx([60_000, 28, 28], (i) => (i % 10) * 25, 784)),
      'train-labels-idx1-ubyte.gz': write('b', gzIdx([60_000], (i) => i % 10, 1)),
      't10k-images-idx3-ubyte.gz': write('c', gzIdx([10_000, 28, 28], (i) => (i % 10) * 25, 784)),
      't10k-labels-idx1-ubyte.gz': write('d', gzIdx([10_000], (i) => i % 10, 1)),
    };
    await mnist.convert(contextFor(mnist, files, publicDir, (l) => void lines.push(l)));
    expect(mnist.outputs.every((p) => existsSync(join(publicDir, p)))).toBe(true);
    writeDataIndex(publicDir);

    setHost(fileHost(publicDir));
    const data = await course.data.mnist({ limit: 700 });
    expect(data.source).toBe('full 70,000');
    expect([data.train.labels.length, data.validation.labels.length]).toEqual([600, 100]);
    const px = data.train.xs.dataSync();
    for (let k = 0; k < 600; k++) expect(Math.round(px[k * 784]! * 255)).toBe(data.train.labels[k]! * 25);
    expect(new Set(data.validation.labels).size).toBe(10);
    data.dispose();
  }, 60_000);

  it('names the file when a downloaded IDX is truncated', async () => {
    const { ASSETS } = await import('../../scripts/assets/manifest.ts');
    const mnist = ASSETS.find((a) => a.id === 'mnist')!;
    const path = join(dir, 'short.gz');
    writeFileSync(path, gzipSync(new Uint8Array([0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3])));
    const ctx = contextFor(mnist, { 'train-images-idx3-ubyte.gz': path, 'train-labels-idx1-ubyte.gz': path }, publicDir, () => {});
    expect(() => mnist.convert(ctx)).toThrow(/short\.gz: IDX dimensions 60000x28x28 need 47040000 bytes of data, the file has 3 \(truncated\)/);
  });
});
