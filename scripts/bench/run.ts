/**
 * `npm run bench`: benchmarks of the built site in Debian Chromium. Build first
 * (`npm run build:e2e`); each benchmark prints a table and writes bench-results/<name>.json.
 *   node scripts/bench/run.ts [name ...]      e.g. `npm run bench -- first-output`
 * A benchmark is one module exporting a `Benchmark`; add it to BENCHMARKS.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { E2E_BASE } from '../../tests/e2e/fixtures/env.ts';
import { editorReady } from './editor-ready.ts';
import { firstOutput } from './first-output.ts';
import { jsBytes } from './js-bytes.ts';
import { formatTable, freePort, launchChromium, serveDist, type Benchmark, type BenchResult } from './lib.ts';
import { conv } from './conv.ts';
import { mnist } from './mnist.ts';
import { throughput } from './throughput.ts';
import { rl } from './rl.ts';
import { bert } from './bert.ts';
import { vgg16 } from './vgg16.ts';
import { generative } from './generative.ts';

const BENCHMARKS: Benchmark[] = [jsBytes, editorReady, firstOutput, throughput, mnist, conv, bert, rl, vgg16, generative];

const distDir = process.env.BENCH_DIST || 'dist';
const port = Number(process.env.BENCH_PORT) || (await freePort());
const wanted = process.argv.slice(2);
const selected = wanted.length ? BENCHMARKS.filter((b) => wanted.includes(b.name)) : BENCHMARKS;
if (selected.length === 0) {
  console.error(`No benchmark named ${wanted.join(', ')}; have ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
if (!existsSync(`${distDir}/lab/index.html`)) {
  console.error(`${distDir}/lab/index.html is missing: build the site first (npm run build:e2e, base ${E2E_BASE}).`);
  process.exit(2);
}

const server = await serveDist(distDir, E2E_BASE, port);
const isolatedPort = await freePort();
const isolatedServer = await serveDist(distDir, E2E_BASE, isolatedPort, { isolate: true });
const ctx = {
  siteUrl: `http://127.0.0.1:${port}${E2E_BASE}`,
  isolatedSiteUrl: `http://127.0.0.1:${isolatedPort}${E2E_BASE}`,
  distDir,
  launch: launchChromium,
  served: server.served,
};
mkdirSync('bench-results', { recursive: true });
const probe = await launchChromium();
const chromium = probe.version();
await probe.close();
const results: BenchResult[] = [];
try {
  for (const bench of selected) {
    const started = Date.now();
    const result = await bench.run(ctx);
    results.push(result);
    const record = { ...result, measuredAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000, chromium };
    writeFileSync(`bench-results/${result.name}.json`, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`${formatTable(result)}\n`);
  }
} finally {
  server.child.kill();
  isolatedServer.child.kill();
}
