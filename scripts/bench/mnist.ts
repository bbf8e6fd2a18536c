/**
 * MNIST benchmark (issue 5): training throughput (samples/s) and validation accuracy of
 * the reference MLP (784-512-512-10, Adam, batch 32) on the bundled 10,000 digits, per
 * backend, in headless Chromium, two ways:
 *
 * - `runner`: the chapter's own playground (chapters/mnist/, mnist/train.ts) run through
 *   the playground island and its kernel worker, as a reader runs it;
 * - `direct`: the same model and data trained by plain TF.js script tags on a page from
 *   the same site, without the runner (main thread, no worker, no `course`).
 *
 * Samples/s counts training samples over the time of `model.fit` (validation after each
 * epoch included, in both modes). Use it from the bench runner:
 *
 *   npm run bench -- mnist      (once `mnist` is in scripts/bench/run.ts's BENCHMARKS)
 *
 * or alone, against a served build (`npm run build:e2e && npm run preview`):
 *
 *   node scripts/bench/mnist.ts --base-url http://127.0.0.1:4321/deep-learning-in-the-browser/ --epochs 5 --backends wasm,webgl
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { splitIndices } from '../../src/course/data/shuffle.ts';
import { launchChromium, type Benchmark } from './lib.ts';

export type BenchBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface MnistBenchOptions {
  /** The built site's root URL, with its base path and a trailing slash. */
  baseURL: string;
  backends?: BenchBackend[];
  /** The course's setting is 5; fewer make a quicker smoke run. */
  epochs?: number;
  /** Per-run limit. */
  timeoutMs?: number;
}

export interface MnistBenchRow {
  mode: 'runner' | 'direct';
  backend: string;
  epochs: number;
  trainingSamples: number;
  fitSeconds: number;
  samplesPerSecond: number;
  validationAccuracy: number;
  /** Why the run produced no numbers, e.g. a backend the browser doesn't offer. */
  error?: string;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const FILES: Record<string, string> = {
  'tf.min.js': 'node_modules/@tensorflow/tfjs/dist/tf.min.js',
  'tf-backend-wasm.min.js': 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js',
  'tf-backend-webgpu.min.js': 'node_modules/@tensorflow/tfjs-backend-webgpu/dist/tf-backend-webgpu.min.js',
  'tfjs-backend-wasm.wasm': 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm': 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm': 'node_modules/@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm',
};
/** Where the direct page loads TF.js from: a path on the site's origin that Playwright serves from node_modules. */
const DIRECT_PREFIX = '__bench-tfjs/';

function failed(mode: MnistBenchRow['mode'], backend: string, epochs: number, error: unknown): MnistBenchRow {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return { mode, backend, epochs, trainingSamples: 0, fitSeconds: Number.NaN, samplesPerSecond: Number.NaN, validationAccuracy: Number.NaN, error: message };
}

/** The chapter's training playground, run through the island on `backend`. */
async function viaRunner(page: Page, baseURL: string, backend: BenchBackend, epochs: number, timeout: number): Promise<MnistBenchRow> {
  await page.goto(new URL('chapters/mnist/', baseURL).href);
  const pg = page.locator('[data-playground][data-src="mnist/train.ts"]');
  await pg.evaluate((el, params) => void ((el as HTMLElement).dataset.params = JSON.stringify(params)), { epochs });
  await pg.getByRole('combobox', { name: 'Backend' }).selectOption(backend);
  await pg.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction((el) => /^(done|error|syntax-error|stopped|crashed)$/.test((el as HTMLElement).dataset.state ?? ''), await pg.elementHandle(), { timeout });
  const state = await pg.getAttribute('data-state');
  const used = (await pg.getAttribute('data-backend')) ?? '?';
  if (state !== 'done') return failed('runner', backend, epochs, await pg.locator('[data-part="status"]').innerText());
  if (used !== backend) return failed('runner', backend, epochs, `fell back to ${used}`);
  const output = await pg.locator('[data-part="output"]').innerText();
  const m = /([\d,]+) training samples in ([\d.]+) s/.exec(output);
  if (!m) return failed('runner', backend, epochs, 'no throughput line in the output');
  const validation = await pg.locator('table.pg-table').last().locator('tr', { hasText: 'validation' }).locator('td').allInnerTexts();
  const trainingSamples = Number(m[1]!.replaceAll(',', ''));
  const fitSeconds = Number(m[2]);
  return { mode: 'runner', backend, epochs, trainingSamples, fitSeconds, samplesPerSecond: trainingSamples / fitSeconds, validationAccuracy: Number(validation.at(-1)) };
}

/** The same model and split, trained by TF.js loaded with script tags: no worker, no runner. */
async function direct(page: Page, baseURL: string, backend: BenchBackend, epochs: number, timeout: number): Promise<MnistBenchRow> {
  const origin = new URL(baseURL);
  await page.route(`${origin.origin}/${DIRECT_PREFIX}*`, async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    const file = FILES[name];
    if (!file) return route.fulfill({ status: 404 });
    return route.fulfill({
      body: await readFile(`${root}${file}`),
      contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
    });
  });
  await page.goto(new URL('404.html', baseURL).href);
  await page.addScriptTag({ url: `/${DIRECT_PREFIX}tf.min.js` });
  if (backend === 'wasm') await page.addScriptTag({ url: `/${DIRECT_PREFIX}tf-backend-wasm.min.js` });
  if (backend === 'webgpu') await page.addScriptTag({ url: `/${DIRECT_PREFIX}tf-backend-webgpu.min.js` });

  // The playground's split: data.mnist() shuffles with seed 42 and holds out 20%.
  const index = JSON.parse(await (await page.request.get(new URL('data/index.json', baseURL).href)).text()) as {
    datasets: { mnist: { files: { all: { path: string; count: number } } } };
  };
  const { path, count } = index.datasets.mnist.files.all;
  const split = splitIndices(count, { validationSplit: 0.2, seed: 42 });
  const result = await page.evaluate(
    async ({ backend, epochs, url, train, validation, prefix }) => {
      const tf = (globalThis as unknown as { tf: typeof import('@tensorflow/tfjs') & { wasm?: { setWasmPaths(p: string): void } } }).tf;
      tf.wasm?.setWasmPaths(`/${prefix}`);
      if (!(await tf.setBackend(backend))) throw new Error(`${backend} is not available in this browser`);
      await tf.ready();
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const header = new DataView(bytes.buffer);
      const total = header.getUint32(8, true);
      const per = header.getUint16(12, true) * header.getUint16(14, true) * header.getUint16(16, true);
      const labels = bytes.subarray(20, 20 + total);
      const pixels = bytes.subarray(20 + total);
      const gather = (indices: number[]) => {
        const x = new Float32Array(indices.length * per);
        indices.forEach((at, i) => {
          for (let k = 0; k < per; k++) x[i * per + k] = pixels[at * per + k]! / 255;
        });
        return {
          xs: tf.tensor4d(x, [indices.length, 28, 28, 1]),
          ys: tf.oneHot(tf.tensor1d(indices.map((at) => labels[at]!), 'int32'), 10).toFloat(),
        };
      };
      const t = gather(train);
      const v = gather(validation);
      const model = tf.sequential({
        layers: [
          tf.layers.flatten({ inputShape: [28, 28, 1] }),
          tf.layers.dense({ units: 512, activation: 'relu' }),
          tf.layers.dense({ units: 512, activation: 'relu' }),
          tf.layers.dense({ units: 10, activation: 'softmax' }),
        ],
      });
      model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const started = performance.now();
      await model.fit(t.xs, t.ys, { epochs, batchSize: 32, shuffle: true, validationData: [v.xs, v.ys] });
      const seconds = (performance.now() - started) / 1000;
      const [, acc] = model.evaluate(v.xs, v.ys, { batchSize: 256 }) as import('@tensorflow/tfjs').Scalar[];
      return { seconds, samples: epochs * train.length, accuracy: (await acc!.data())[0]!, backend: tf.getBackend() };
    },
    { backend, epochs, url: new URL(path, baseURL).href, train: Array.from(split.train), validation: Array.from(split.validation), prefix: DIRECT_PREFIX },
  );
  void timeout;
  return { mode: 'direct', backend: result.backend, epochs, trainingSamples: result.samples, fitSeconds: result.seconds, samplesPerSecond: result.samples / result.seconds, validationAccuracy: result.accuracy };
}

/** Runs both modes on each backend, each backend in a fresh browser from `launch` (which must enable WebGPU for 'webgpu'). */
export async function benchMnist(launch: () => Promise<Browser>, options: MnistBenchOptions): Promise<MnistBenchRow[]> {
  const { baseURL, backends = ['wasm', 'webgl', 'cpu'], epochs = 5, timeoutMs = 30 * 60_000 } = options;
  const rows: MnistBenchRow[] = [];
  for (const backend of backends) {
    const browser = await launch();
    try {
      for (const mode of ['runner', 'direct'] as const) {
        const page = await browser.newPage();
        page.setDefaultTimeout(timeoutMs);
        try {
          rows.push(await (mode === 'runner' ? viaRunner(page, baseURL, backend, epochs, timeoutMs) : direct(page, baseURL, backend, epochs, timeoutMs)));
        } catch (err) {
          rows.push(failed(mode, backend, epochs, err));
        } finally {
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
  }
  return rows;
}

/**
 * For `npm run bench` (scripts/bench/run.ts): add `mnist` to its BENCHMARKS. Epochs and
 * backends come from MNIST_BENCH_EPOCHS (default 5, the course's setting) and
 * MNIST_BENCH_BACKENDS (default wasm, webgl, cpu; add webgpu on a machine with a GPU:
 * on SwiftShader it runs at about 0.3 GFLOP/s and 5 epochs take well over an hour).
 */
export const mnist: Benchmark = {
  name: 'mnist',
  async run(ctx) {
    const epochs = Number(process.env.MNIST_BENCH_EPOCHS || 5);
    const backends = (process.env.MNIST_BENCH_BACKENDS || 'wasm,webgl,cpu').split(',') as BenchBackend[];
    const rows = await benchMnist(ctx.launch, { baseURL: ctx.siteUrl, epochs, backends });
    const columns = ['backend', 'mode', 'epochs', 'samples/s', 'fit time (s)', 'validation accuracy', 'note'];
    return {
      name: 'mnist',
      title: `Reference MNIST MLP (784-512-512-10, batch 32), ${epochs} epochs on 8,000 digits, validated on 2,000: through the runner vs a page without it`,
      columns,
      rows: tableRows(rows),
      detail: rows,
    };
  },
};

function tableRows(rows: MnistBenchRow[]): string[][] {
  return rows.map((r) => {
    if (r.error) return [r.backend, r.mode, String(r.epochs), '-', '-', '-', r.error];
    const twin = rows.find((o) => o.backend === r.backend && o.mode === 'direct' && !o.error);
    const note = r.mode === 'runner' && twin ? `direct/runner ${(twin.samplesPerSecond / r.samplesPerSecond).toFixed(2)}` : '';
    return [r.backend, r.mode, String(r.epochs), r.samplesPerSecond.toFixed(0), r.fitSeconds.toFixed(1), `${(r.validationAccuracy * 100).toFixed(2)}%`, note];
  });
}

export function formatMnistTable(rows: MnistBenchRow[]): string {
  const head = ['backend', 'mode', 'epochs', 'samples/s', 'fit time (s)', 'validation accuracy', 'note'];
  const lines = tableRows(rows);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const baseURL = arg('base-url') ?? 'http://127.0.0.1:4321/';
  const rows = await benchMnist(launchChromium, {
    baseURL,
    epochs: Number(arg('epochs') ?? 5),
    backends: (arg('backends') ?? 'wasm,webgl,cpu').split(',') as BenchBackend[],
  });
  console.log(formatMnistTable(rows));
  console.log(JSON.stringify(rows));
}
