/**
 * Adds the test-only files an e2e build serves: the tiny BERT fixture as a site-hosted
 * Transformers.js model (`models/hf/tiny-bert/`, matching PUBLIC_MODELS_PATH in build:e2e),
 * and a one-layer TF.js weights folder (`models/lab/tiny/`) for the kernel lab page.
 * It copies into the built site, never into public/, so a production build can't ship it.
 *   node scripts/e2e-fixtures.ts [dist]
 */
import { cp } from 'node:fs/promises';

const dist = process.argv[2] ?? 'dist';
await cp('tests/fixtures/tiny-bert', `${dist}/models/hf/tiny-bert`, { recursive: true });
await cp('tests/fixtures/tiny-dense', `${dist}/models/lab/tiny`, { recursive: true });
console.log(`e2e fixtures: tiny BERT in ${dist}/models/hf/tiny-bert/, tiny dense weights in ${dist}/models/lab/tiny/`);
