/**
 * Adds the test-only files an e2e build serves: the tiny BERT fixture as a site-hosted
 * Transformers.js model (`models/hf/tiny-bert/`, matching PUBLIC_MODELS_PATH in build:e2e) and
 * its question-answering twin (`models/hf/tiny-bert-squad/`),
 * and a one-layer TF.js weights folder (`models/lab/tiny/`) for the kernel lab page.
 * Chapter 6: stand-in VGG16 weights (real architecture, seeded random, labelled untrained;
 * scripts/fixtures/vgg16-stand-in.ts) unless the build has real ones, and the demo photos
 * that ../shared/data/ holds (scripts/fixtures/demo-photos.ts) unless the build has its own.
 * Chapter 5: the real 199-row Sign Language MNIST sample and the two ASL photos from
 * ../shared/data/ as the site's ASL set (scripts/fixtures/asl-sample.ts), replacing a
 * fetched full set, so the e2e sizes hold; after the photos above, whose index it extends.
 * It copies into the built site, never into public/, so a production build can't ship it.
 *   node scripts/e2e-fixtures.ts [dist]
 */
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { writeVgg16StandIn } from './fixtures/vgg16-stand-in.ts';
import { copyDemoPhotos } from './fixtures/demo-photos.ts';
import { SHARED_DATA } from './fixtures/shared-data.ts';
import { VGG16_WEIGHTS_PATHS } from '../src/course/models/vgg16.ts';
import { PHOTO_INDEX_PATH } from '../src/course/data/photo-index.ts';
import { aslSampleMissing, writeAslSample } from './fixtures/asl-sample.ts';

const dist = process.argv[2] ?? 'dist';
await cp('tests/fixtures/tiny-bert', `${dist}/models/hf/tiny-bert`, { recursive: true });
await cp('tests/fixtures/tiny-bert-squad', `${dist}/models/hf/tiny-bert-squad`, { recursive: true });
await cp('tests/fixtures/tiny-dense', `${dist}/models/lab/tiny`, { recursive: true });
console.log(`e2e fixtures: tiny BERT in ${dist}/models/hf/tiny-bert/ and tiny-bert-squad/, tiny dense weights in ${dist}/models/lab/tiny/`);

await tf.setBackend('cpu');
for (const variant of ['notop', 'full'] as const) {
  if (existsSync(`${dist}/${VGG16_WEIGHTS_PATHS[variant]}`)) console.log(`e2e fixtures: ${dist}/${VGG16_WEIGHTS_PATHS[variant]} exists, kept`);
  else console.log(`e2e fixtures: stand-in VGG16 ${variant}, ${((await writeVgg16StandIn(dist, variant)) / 1e6).toFixed(1)} MB`);
}
if (existsSync(`${dist}/${PHOTO_INDEX_PATH}`)) console.log(`e2e fixtures: ${dist}/${PHOTO_INDEX_PATH} exists, kept`);
else {
  const photos = await copyDemoPhotos(dist);
  console.log(photos ? `e2e fixtures: ${photos.length} demo photos from ${SHARED_DATA}` : `e2e fixtures: no demo photos in ${SHARED_DATA}; chapter 6 asks for the reader's own`);
}

const noAsl = aslSampleMissing();
if (noAsl) console.log(`e2e fixtures: no ASL set: ${noAsl}; chapter 5 then shows its notice`);
else {
  const asl = writeAslSample(dist);
  console.log(`e2e fixtures: Sign Language MNIST sample, ${asl.train} train + ${asl.validation} validation images, and ${asl.photos.join(', ')}`);
}
