/**
 * How long each playground of a chapter takes on WASM in headless Chromium, as a reader
 * would run them: the built site, every playground of the page in page order with its
 * default settings, the "Done in X s on WASM" of each run summary. The figures chapters
 * 1 to 4 quote come from here.
 *
 * It also prints Chromium's BenchmarkIndex on this machine: Lighthouse's CPU benchmark
 * (computeBenchmarkIndex, GoogleChrome/lighthouse core/lib/page-functions.js), the one
 * Chrome DevTools calibrates its CPU throttling with, taking 1,000 for a mid-tier phone
 * such as a Pixel 5 and 264 for a low-tier one such as a Moto G Power (2022)
 * (devtools-frontend front_end/panels/mobile_throttling/CalibrationController.ts). The
 * chapters estimate a phone's time as this machine's time x (this machine's index /
 * the phone's): an estimate, since the benchmark measures JavaScript, not WASM arithmetic.
 *
 *   npm run data && BASE_PATH=/deep-learning-in-the-browser/ npx astro build --outDir /tmp/dist
 *   node --experimental-transform-types scripts/reference/playground-times.ts --dist /tmp/dist --chapters what-is-deep-learning,linear-model,mnist,convolution
 *
 * `--params '{"asl/cnn.ts": {"epochs": 1}}'` runs those playgrounds with other values than
 * their defaults (as a reader changing the controls would), `--only a.ts,b.ts` runs only
 * those of the chapters' playgrounds.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE } from '../../tests/e2e/fixtures/env.ts';
import { drawStroke, start, type Params } from '../../tests/e2e/fixtures/playgrounds.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4431' },
    chapters: { type: 'string', default: 'mnist,convolution' },
    params: { type: 'string', default: '{}' },
    only: { type: 'string' },
  },
});
const PARAMS = JSON.parse(values.params) as Record<string, Params>;
const ONLY = values.only?.split(',');
const base = `http://127.0.0.1:${values.port}${E2E_BASE}`;

const server = spawn(process.execPath, ['scripts/serve-dist.ts', '--port', values.port, '--base', E2E_BASE, '--dir', values.dist], { stdio: 'ignore' });
for (let i = 0; ; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {
    if (i > 100) throw new Error(`the site did not come up at ${base}`);
  }
  await new Promise((r) => setTimeout(r, 200));
}

/** Lighthouse's computeBenchmarkIndex, as in page-functions.js (Apache License 2.0). */
function computeBenchmarkIndex(): number {
  function benchmarkIndexGC() {
    const start = Date.now();
    let iterations = 0;
    while (Date.now() - start < 500) {
      let s = '';
      for (let j = 0; j < 10000; j++) s += 'a';
      if (s.length === 1) throw new Error('will never happen, but prevents compiler optimizations');
      iterations++;
    }
    return Math.round(iterations / 10 / ((Date.now() - start) / 1000));
  }
  function benchmarkIndexNoGC() {
    const arrA: number[] = [];
    const arrB: number[] = [];
    for (let i = 0; i < 100000; i++) arrA[i] = arrB[i] = i;
    const start = Date.now();
    let iterations = 0;
    while (iterations % 10 !== 0 || Date.now() - start < 500) {
      const src = iterations % 2 === 0 ? arrA : arrB;
      const tgt = iterations % 2 === 0 ? arrB : arrA;
      for (let j = 0; j < src.length; j++) tgt[j] = src[j]!;
      iterations++;
    }
    return Math.round(iterations / 10 / ((Date.now() - start) / 1000));
  }
  return (benchmarkIndexGC() + benchmarkIndexNoGC()) / 2;
}

/** A "3": two bows down the right side of the pad. */
const THREE: [number, number][] = [[0.3, 0.2], [0.65, 0.2], [0.7, 0.35], [0.45, 0.5], [0.7, 0.65], [0.65, 0.8], [0.3, 0.8]];

async function timeChapter(page: Page, chapter: string): Promise<void> {
  await page.goto(`${base}chapters/${chapter}/`);
  const sources = await page.locator('[data-playground]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.src!));
  for (const src of sources.filter((s) => !ONLY || ONLY.includes(s))) {
    const pg = await start(page, src, { backend: 'wasm', params: PARAMS[src] ?? {} });
    if (src.endsWith('draw.ts')) await drawStroke(page, pg, THREE);
    for (const started = Date.now(); !/^(done|error|syntax-error|stopped|crashed)$/.test((await pg.getAttribute('data-state')) ?? ''); ) {
      if (Date.now() - started > 900_000) throw new Error(`${src}: no end after 15 minutes`);
      await page.waitForTimeout(500);
    }
    const status = await pg.locator('[data-part="status"]').innerText();
    console.log(`${chapter}  ${src.padEnd(32)} ${status.replace(/\s+/g, ' ')}`);
    // Where a playground reports a measurement of its own (seconds per epoch), it is in a table's caption.
    const captions = await pg.locator('[data-part="output"] .pg-table caption').allInnerTexts();
    if (captions.length) console.log(`${' '.repeat(chapter.length)}  last table: ${captions.at(-1)}`);
  }
}

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  // As in the e2e tests: no service worker, so no cross-origin isolation and one WASM thread.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(base);
  // Sampled before and after every chapter: on a shared machine the load changes, and a
  // busy machine slows the benchmark as it slows the playgrounds.
  const indices: number[] = [];
  const sample = async () => {
    for (let i = 0; i < 3; i++) indices.push(await page.evaluate(computeBenchmarkIndex));
    console.log(`BenchmarkIndex samples so far: ${indices.join(', ')}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  };
  await sample();
  for (const chapter of values.chapters.split(',')) {
    await timeChapter(page, chapter);
    await page.goto(base);
    await sample();
  }
  const sorted = [...indices].sort((a, b) => a - b);
  const index = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`BenchmarkIndex here: median ${index} of ${indices.length} samples (${sorted[0]}-${sorted.at(-1)})`);
  console.log(`phone estimate factors: mid-tier (1000) x${(index / 1000).toFixed(2)}, low-tier (264) x${(index / 264).toFixed(2)}`);
} finally {
  await browser.close();
  server.kill();
}
