/**
 * What `npm run assets` fetches: a plain list of entries. Each entry names its
 * downloads (URLs tried in order, expected size / md5, a format check), the files
 * it writes under public/ and the step that converts one into the other. URLs can
 * be overridden with environment variables (listed in docs/data-format.md).
 * Add an entry (e.g. model weights with their own converter) by appending to ASSETS.
 */
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import type { DownloadSpec } from './fetch.ts';
import { encodeDataset } from '../../src/course/data/dataset-format.ts';
import { sniffImageType } from '../../src/course/images/sniff.ts';
import { PHOTO_INDEX_PATH, type PhotoIndex } from '../../src/course/data/photo-index.ts';
import { DATA_FILES } from './data-index.ts';
import { packIdxPair, packSignMnist, parseIdx, parseSignMnistCsv } from './packers.ts';
import { VGG16_ASSETS } from '../convert/vgg16-assets.ts';
import type { AssetEntry, ConvertContext } from './entry.ts';

// The entry types live in entry.ts so that entry modules (vgg16-assets.ts) depend on
// them without importing this list, which imports them: the dependency runs one way.
export type { AssetEntry, ConvertContext } from './entry.ts';

function env(name: string): string | undefined {
  const v = process.env[name]?.trim();
  return v ? v : undefined;
}

function list(name: string, fallback: string[]): string[] {
  return env(name)?.split(',').map((s) => s.trim().replace(/\/?$/, '/')) ?? fallback;
}

/** The first `n` bytes of a file, for cheap format checks of large downloads. */
function head(path: string, n: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buf = new Uint8Array(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

function checkGzip(path: string): void {
  const h = head(path, 2);
  if (h[0] !== 0x1f || h[1] !== 0x8b) throw new Error(`${path}: not a gzip file (an HTML error page?)`);
}

function checkSignCsvHeader(path: string): void {
  const text = new TextDecoder().decode(head(path, 16_384));
  const first = text.split(/\r?\n/)[0] ?? '';
  const cols = first.split(',').length;
  if (cols !== 785) throw new Error(`${path}: first line has ${cols} columns, expected 785 (label + 784 pixels)`);
}

function checkImage(path: string): void {
  if (!sniffImageType(head(path, 16))) throw new Error(`${path}: not a JPEG, PNG, WebP or GIF image`);
}

// The canonical MNIST files; cvdf-datasets is the bucket TF/Keras download from, ossci the PyTorch mirror.
const MNIST_MIRRORS = list('MNIST_MIRRORS', [
  'https://storage.googleapis.com/cvdf-datasets/mnist/',
  'https://ossci-datasets.s3.amazonaws.com/mnist/',
]);
const MNIST_FILES: DownloadSpec[] = [
  { file: 'train-images-idx3-ubyte.gz', size: 9_912_422, md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
  { file: 'train-labels-idx1-ubyte.gz', size: 28_881, md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
  { file: 't10k-images-idx3-ubyte.gz', size: 1_648_877, md5: '9fb629c4189551a2d022fa330f9573f3' },
  { file: 't10k-labels-idx1-ubyte.gz', size: 4_542, md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
].map((f) => ({ ...f, urls: MNIST_MIRRORS.map((m) => m + f.file), check: checkGzip }));

function unpackIdx(ctx: ConvertContext, file: string) {
  const path = ctx.files[file]!;
  return parseIdx(gunzipSync(new Uint8Array(readFileSync(path))), path);
}

function writeMnistSplit(ctx: ConvertContext, images: string, labels: string, out: string, expected: number): void {
  const ds = packIdxPair(unpackIdx(ctx, images), unpackIdx(ctx, labels), { images: ctx.files[images]!, labels: ctx.files[labels]! });
  if (ds.count !== expected || ds.rows !== 28 || ds.cols !== 28) throw new Error(`${ctx.files[images]}: ${ds.count} images of ${ds.rows}x${ds.cols}, expected ${expected} of 28x28`);
  writeFileSync(ctx.output(out), encodeDataset(ds));
}

const mnistFull: AssetEntry = {
  id: 'mnist',
  title: 'MNIST, full 70,000 digits (60,000 train + 10,000 test)',
  downloads: MNIST_FILES,
  outputs: [DATA_FILES.mnistTrain, DATA_FILES.mnistTest],
  convert(ctx) {
    writeMnistSplit(ctx, 'train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', DATA_FILES.mnistTrain, 60_000);
    writeMnistSplit(ctx, 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz', DATA_FILES.mnistTest, 10_000);
  },
};

const ML_DEMOS = env('ML_DEMOS_DATA_URL')?.replace(/\/?$/, '/') ?? 'https://raw.githubusercontent.com/PeteSong/ml-demos/main/data/';

const asl: AssetEntry = {
  id: 'asl',
  title: 'Sign Language MNIST (train/valid CSVs)',
  downloads: [
    { file: 'sign_mnist_train.csv', urls: [env('ASL_TRAIN_URL') ?? `${ML_DEMOS}asl_data/sign_mnist_train.csv`], check: checkSignCsvHeader },
    { file: 'sign_mnist_valid.csv', urls: [env('ASL_VALID_URL') ?? `${ML_DEMOS}asl_data/sign_mnist_valid.csv`], check: checkSignCsvHeader },
  ],
  outputs: [DATA_FILES.aslTrain, DATA_FILES.aslValid],
  convert(ctx) {
    const names = { train: ctx.files['sign_mnist_train.csv']!, valid: ctx.files['sign_mnist_valid.csv']! };
    const read = (p: string) => parseSignMnistCsv(readFileSync(p, 'utf8'), p);
    const packed = packSignMnist({ train: read(names.train), valid: read(names.valid) }, names, 1000);
    writeFileSync(ctx.output(DATA_FILES.aslTrain), encodeDataset(packed.train));
    writeFileSync(ctx.output(DATA_FILES.aslValid), encodeDataset(packed.valid));
    ctx.log(`${packed.train.count} train + ${packed.valid.count} valid images, labels ${packed.labelling}`);
  },
};

const range = (from: number, to: number, name: (i: number) => string) => Array.from({ length: to - from + 1 }, (_, k) => name(from + k));

/**
 * The upstream course photos. GitHub folders can't be listed without its API, so
 * the names are listed here, as in the repository's `data/` folder (checked against
 * its tree: 174 files).
 */
export const PHOTO_FILES: string[] = [
  ...range(1, 19, (i) => `presidential_doggy_door/train/bo/bo_${i}.jpg`),
  ...range(1, 120, (i) => `presidential_doggy_door/train/not_bo/${i}.jpg`),
  ...range(20, 29, (i) => `presidential_doggy_door/valid/bo/bo_${i}.jpg`),
  ...range(121, 140, (i) => `presidential_doggy_door/valid/not_bo/${i}.jpg`),
  'doggy_door_images/happy_dog.jpg',
  'doggy_door_images/sleepy_cat.jpg',
  'doggy_door_images/brown_bear.jpg',
  'asl_images/a.png',
  'asl_images/b.png',
];

const photoSite = (file: string) => `data/photos/${file}`;

const photos: AssetEntry = {
  id: 'photos',
  title: 'course demo photos (doggy door bo / not_bo, dog and cat, two ASL hands)',
  optional: true,
  partial: true,
  downloads: PHOTO_FILES.map((file) => ({ file, urls: [`${ML_DEMOS}${file}`], check: checkImage })),
  outputs: [...PHOTO_FILES.map(photoSite), PHOTO_INDEX_PATH],
  convert(ctx) {
    const present = PHOTO_FILES.filter((f) => ctx.files[f]);
    for (const f of present) ctx.copy(f, photoSite(f));
    const index: PhotoIndex = { version: 1, photos: present.map(photoSite) };
    writeFileSync(ctx.output(PHOTO_INDEX_PATH), JSON.stringify(index, null, 2) + '\n');
    ctx.log(`${present.length} of ${PHOTO_FILES.length} photos`);
  },
};

export const ASSETS: AssetEntry[] = [mnistFull, asl, photos, ...VGG16_ASSETS];
