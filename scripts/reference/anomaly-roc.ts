/**
 * The ROC areas chapter 8 quotes: playgrounds/generative/anomaly.ts, seeded as in
 * tests/playgrounds/chapter8.test.ts, on a site with the bundled digits and the team's
 * Sign Language MNIST sample (../shared/data/asl_sample, 199 real rows). The autoencoder
 * is trained first by autoencoder.ts with its default params, as a reader's page does.
 *
 *   node scripts/reference/anomaly-roc.ts | tee scripts/reference/anomaly-roc.log
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Output } from '../../src/runner/protocol.ts';
import { aslSampleMissing, writeAslSample } from '../fixtures/asl-sample.ts';
import { runPlaygroundFile, withSeededRandom } from '../../tests/playgrounds/harness.ts';

const missing = aslSampleMissing();
if (missing) throw new Error(missing);
const site = mkdtempSync(join(tmpdir(), 'anomaly-roc-'));
try {
  mkdirSync(join(site, 'data/mnist'), { recursive: true });
  copyFileSync('public/data/mnist/mnist-10k.bin', join(site, 'data/mnist/mnist-10k.bin'));
  writeAslSample(site);
  const kept = new Map<string, unknown>();
  const t0 = performance.now();
  const ae = await withSeededRandom(8, () => runPlaygroundFile('generative/autoencoder.ts', { assetDir: site, kept }));
  if (ae.error) throw new Error(`autoencoder.ts: ${ae.error.message}`);
  const r = await withSeededRandom(3, () => runPlaygroundFile('generative/anomaly.ts', { assetDir: site, kept }));
  if (r.error) throw new Error(`anomaly.ts: ${r.error.message}`);
  console.log(`# node scripts/reference/anomaly-roc.ts, ${new Date().toISOString().slice(0, 10)}, ${((performance.now() - t0) / 1000).toFixed(0)} s; autoencoder with default params (seed 8), anomaly.ts (seed 3)`);
  for (const t of r.outputs.filter((o): o is Extract<Output, { kind: 'table' }> => o.kind === 'table')) {
    console.log(`\n${t.caption ?? ''}\n\n| ${t.columns.join(' | ')} |\n|${t.columns.map(() => '---').join('|')}|`);
    for (const row of t.rows) console.log(`| ${row.join(' | ')} |`);
  }
} finally {
  rmSync(site, { recursive: true, force: true });
}
