/**
 * MNIST benchmark (issue 5): training throughput (samples/s) and validation accuracy of
 * the reference MLP (784-512-512-10, Adam, batch 32) on the bundled 10,000 digits, per
 * backend, in headless Chromium, two ways:
 *
 * - `runner`: the chapter's own playground (chapters/mnist/, mnist/train.ts) run through
 *   the playground island and its kernel worker, as a reader runs it;
 * - `direct`: the same model and data trained by plain TF.js script tags on a page from
 *   the same site, without the runner (main thread, no worker, no `course`; one WASM thread);
 * - `pytorch`: the same model, split and data file trained by PyTorch on this machine
 *   (scripts/reference/mnist_mlp_pytorch.py --bench) with 1 thread and with every core,
 *   when some python3 can import torch (BENCH_PYTHON, python3, /usr/bin/python3); else
 *   skipped with a printed line.
 *
 * On WASM the runner runs twice: on a page that is not cross-origin isolated (one WASM
 * thread, as a reader's first visit to the GitHub Pages site) and on an isolated one (the
 * server sends COOP/COEP: the kernel's WASM uses every core). The thread count reported is
 * the one the run's summary gave (`data-threads`).
 *
 * Samples/s counts training samples over the time of `model.fit` (validation after each
 * epoch included, in every mode; PyTorch's loop validates after each epoch too). Use it
 * from the bench runner:
 *
 *   npm run bench -- mnist
 *
 * or alone, against a served build (`npm run build:e2e && npm run preview`, which isolates):
 *
 *   node scripts/bench/mnist.ts --base-url http://127.0.0.1:4321/deep-learning-in-the-browser/ --epochs 5 --backends wasm,webgl
 *
 * (add `--isolated-base-url` for a second, isolated server; `npm run preview` isolates, so
 * there the first runner row is threaded too: check its threads column).
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { splitIndices } from '../../src/course/data/shuffle.ts';
import { transposingMatMul } from '../reference/transposing-matmul.ts';
import { freshPage, launchChromium, runPlaygroundAt, type Benchmark } from './lib.ts';

export type BenchBackend = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface MnistBenchOptions {
  /** The built site's root URL, with its base path and a trailing slash (served without COOP/COEP). */
  baseURL: string;
  /** The same site served with COOP/COEP: WASM runs through the runner a second time there, threaded. */
  isolatedBaseURL?: string;
  backends?: BenchBackend[];
  /** The course's setting is 5; fewer make a quicker smoke run. */
  epochs?: number;
  /** Per-run limit. */
  timeoutMs?: number;
  /** The packed digits PyTorch reads (the site's `data/mnist/mnist-10k.bin`); default public/data's. */
  dataFile?: string;
  /** False: no PyTorch rows. */
  pytorch?: boolean;
  /** False: no row for the direct page with scripts/reference/transposing-matmul.ts (WASM only). */
  experiment?: boolean;
}

export interface MnistBenchRow {
  mode: 'runner' | 'direct' | 'pytorch';
  backend: string;
  /** WASM threads (runner: the run summary's; direct: tf.wasm.getThreadsCount()); PyTorch: torch.get_num_threads(). */
  threads?: number;
  /** Whether the page was cross-origin isolated. */
  isolated?: boolean;
  /** An experiment rather than the site's TF.js: 'transposing matMul' (scripts/reference/transposing-matmul.ts). */
  variant?: string;
  /** 1-minute load average of this machine when the row started (os.loadavg): other jobs skew the numbers, threaded ones most. */
  load?: number;
  epochs: number;
  trainingSamples: number;
  fitSeconds: number;
  samplesPerSecond: number;
  validationAccuracy: number;
  /** PyTorch: the BLAS library it loaded (Debian's torch uses whatever libblas.so.3 points to). */
  blas?: string;
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

function failed(mode: MnistBenchRow['mode'], backend: string, epochs: number, error: unknown, extra: Partial<MnistBenchRow> = {}): MnistBenchRow {
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return { mode, backend, epochs, trainingSamples: 0, fitSeconds: Number.NaN, samplesPerSecond: Number.NaN, validationAccuracy: Number.NaN, error: message, ...extra };
}

/** The chapter's training playground, run through the island on `backend`. */
async function viaRunner(page: Page, baseURL: string, backend: BenchBackend, epochs: number, timeout: number): Promise<MnistBenchRow> {
  const run = await runPlaygroundAt(page, new URL('chapters/mnist/', baseURL).href, 'mnist/train.ts', { backend, params: { epochs }, timeoutMs: timeout });
  const isolated = await page.evaluate(() => globalThis.crossOriginIsolated);
  const extra = { threads: run.threads, isolated };
  if (run.state !== 'done') return failed('runner', backend, epochs, run.status, extra);
  if (run.backend !== backend) return failed('runner', backend, epochs, `fell back to ${run.backend}`, extra);
  const m = /([\d,]+) training samples in ([\d.]+) s/.exec(run.output);
  if (!m) return failed('runner', backend, epochs, 'no throughput line in the output', extra);
  const validation = await page.locator('[data-src="mnist/train.ts"] table.pg-table').last().locator('tr', { hasText: 'validation' }).locator('td').allInnerTexts();
  const trainingSamples = Number(m[1]!.replaceAll(',', ''));
  const fitSeconds = Number(m[2]);
  return { mode: 'runner', backend, ...extra, epochs, trainingSamples, fitSeconds, samplesPerSecond: trainingSamples / fitSeconds, validationAccuracy: Number(validation.at(-1)) };
}

/** The same model and split, trained by TF.js loaded with script tags: no worker, no runner. */
async function direct(page: Page, baseURL: string, backend: BenchBackend, epochs: number, timeout: number, variant?: 'transposing matMul'): Promise<MnistBenchRow> {
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
  if (variant === 'transposing matMul') {
    await page.addScriptTag({ content: `document.body.dataset.wrapped = String((${transposingMatMul.toString()})(tf));` });
    if ((await page.evaluate(() => document.body.dataset.wrapped)) !== 'true') throw new Error('no WASM BatchMatMul kernel to wrap');
  }
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
      const threads = (tf as unknown as { wasm?: { getThreadsCount?(): number } }).wasm?.getThreadsCount?.();
      return { seconds, samples: epochs * train.length, accuracy: (await acc!.data())[0]!, backend: tf.getBackend(), threads, isolated: globalThis.crossOriginIsolated };
    },
    { backend, epochs, url: new URL(path, baseURL).href, train: Array.from(split.train), validation: Array.from(split.validation), prefix: DIRECT_PREFIX },
  );
  void timeout;
  const threads = result.backend === 'wasm' ? result.threads : undefined;
  return { mode: 'direct', backend: result.backend, threads, isolated: result.isolated, ...(variant && { variant }), epochs, trainingSamples: result.samples, fitSeconds: result.seconds, samplesPerSecond: result.samples / result.seconds, validationAccuracy: result.accuracy };
}

/** The first of BENCH_PYTHON, python3, /usr/bin/python3 that imports torch and numpy, or why none does. */
export function findTorchPython(): { python: string; torch: string } | { missing: string } {
  const candidates = [...new Set([process.env.BENCH_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p))];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import numpy, torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { python, torch: probe.stdout.trim() };
  }
  return {
    missing: `no python with torch (tried ${candidates.join(', ')}): install it with \`apt-get install python3-torch libopenblas0-pthread\` (Debian; without OpenBLAS its matmuls run on the slow reference BLAS) or \`pip install torch numpy\`, or set BENCH_PYTHON`,
  };
}

/** scripts/reference/mnist_mlp_pytorch.py --bench with `threads` threads on `dataFile` (the site's packed digits). */
function pytorch(python: string, dataFile: string, epochs: number, threads: number, timeoutMs: number): MnistBenchRow {
  const args = ['scripts/reference/mnist_mlp_pytorch.py', '--bench', '--runs', '1', '--epochs', String(epochs), '--threads', String(threads), '--data', dataFile];
  // Passive OpenMP waiting (see the script): spinning threads made 2-thread runs 30x slower on a busy 2-core machine.
  const env = { OMP_WAIT_POLICY: 'PASSIVE', ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads) };
  const run = spawnSync(python, args, { cwd: root, encoding: 'utf8', timeout: timeoutMs, env });
  const line = run.stdout?.split('\n').find((l) => l.startsWith('{'));
  if (run.status !== 0 || !line) return failed('pytorch', 'torch', epochs, run.error ?? (run.stderr?.trim().split('\n').at(-1) || `exit ${run.status}`), { threads });
  const r = JSON.parse(line) as { trainingSamples: number; fitSeconds: number; samplesPerSecond: number; validationAccuracy: number; threads: number; torch: string; blas: string };
  return {
    mode: 'pytorch',
    backend: `torch ${r.torch}`,
    threads: r.threads,
    epochs,
    trainingSamples: r.trainingSamples,
    fitSeconds: r.fitSeconds,
    samplesPerSecond: r.samplesPerSecond,
    validationAccuracy: r.validationAccuracy,
    blas: r.blas,
  };
}

/** Runner and direct page on each backend (each backend in a fresh browser from `launch`, which must enable WebGPU for 'webgpu'); then PyTorch. */
export async function benchMnist(launch: () => Promise<Browser>, options: MnistBenchOptions): Promise<MnistBenchRow[]> {
  const { baseURL, isolatedBaseURL, backends = ['wasm', 'webgl', 'cpu'], epochs = 5, timeoutMs = 30 * 60_000 } = options;
  const rows: MnistBenchRow[] = [];
  for (const backend of backends) {
    const browser = await launch();
    try {
      type Run = [MnistBenchRow['mode'], (page: Page) => Promise<MnistBenchRow>];
      const runs: Run[] = [['runner', (page) => viaRunner(page, baseURL, backend, epochs, timeoutMs)]];
      if (backend === 'wasm' && isolatedBaseURL) runs.push(['runner', (page) => viaRunner(page, isolatedBaseURL, backend, epochs, timeoutMs)]);
      runs.push(['direct', (page) => direct(page, baseURL, backend, epochs, timeoutMs)]);
      if (backend === 'wasm' && options.experiment !== false) runs.push(['direct', (page) => direct(page, baseURL, backend, epochs, timeoutMs, 'transposing matMul')]);
      for (const [mode, run] of runs) {
        const page = await freshPage(browser);
        page.setDefaultTimeout(timeoutMs);
        const load = loadavg()[0]!;
        try {
          rows.push({ ...(await run(page)), load });
        } catch (err) {
          rows.push(failed(mode, backend, epochs, err));
        } finally {
          await page.context().close();
        }
      }
    } finally {
      await browser.close();
    }
  }
  if (options.pytorch !== false) {
    const found = findTorchPython();
    if ('missing' in found) {
      console.log(`mnist: PyTorch skipped: ${found.missing}`);
      rows.push(failed('pytorch', 'torch', epochs, `skipped: ${found.missing}`));
    } else {
      const dataFile = options.dataFile ?? `${root}public/data/mnist/mnist-10k.bin`;
      for (const threads of [...new Set([1, availableParallelism()])]) {
        const load = loadavg()[0]!;
        rows.push({ ...pytorch(found.python, dataFile, epochs, threads, timeoutMs), load });
      }
    }
  }
  return rows;
}

/**
 * `npm run bench -- mnist`. Epochs and backends come from MNIST_BENCH_EPOCHS (default 5,
 * the course's setting) and MNIST_BENCH_BACKENDS (default wasm; webgl and cpu can be
 * added: on this kind of machine WebGL runs on SwiftShader; webgpu on a machine with a
 * GPU: on SwiftShader it runs at about 0.3 GFLOP/s and 5 epochs take well over an hour).
 * MNIST_BENCH_PYTORCH=0 leaves PyTorch out; MNIST_BENCH_EXPERIMENT=0 the direct page with
 * a BatchMatMul that transposes first (scripts/reference/transposing-matmul.ts), the row
 * that shows what fixing TF.js's transposed matMul on WASM would give.
 */
export const mnist: Benchmark = {
  name: 'mnist',
  async run(ctx) {
    const epochs = Number(process.env.MNIST_BENCH_EPOCHS || 5);
    const backends = (process.env.MNIST_BENCH_BACKENDS || 'wasm').split(',') as BenchBackend[];
    const index = JSON.parse(await readFile(`${ctx.distDir}/data/index.json`, 'utf8')) as { datasets: { mnist: { files: { all: { path: string } } } } };
    const rows = await benchMnist(ctx.launch, {
      baseURL: ctx.siteUrl,
      isolatedBaseURL: ctx.isolatedSiteUrl,
      epochs,
      backends,
      dataFile: `${ctx.distDir}/${index.datasets.mnist.files.all.path}`,
      pytorch: process.env.MNIST_BENCH_PYTORCH !== '0',
      experiment: process.env.MNIST_BENCH_EXPERIMENT !== '0',
    });
    return {
      name: 'mnist',
      title: `Reference MNIST MLP (784-512-512-10, Adam, batch 32), ${epochs} epochs on 8,000 digits, validated on 2,000: runner, page without it, PyTorch`,
      columns: COLUMNS,
      rows: tableRows(rows),
      detail: rows,
    };
  },
};

const COLUMNS = ['backend', 'mode', 'threads', 'epochs', 'samples/s', 'fit time (s)', 'validation accuracy', 'PyTorch 1 thread / this', 'PyTorch all threads / this', 'note'];

function tableRows(rows: MnistBenchRow[]): string[][] {
  const ok = rows.filter((r) => !r.error);
  const torch1 = ok.find((r) => r.mode === 'pytorch' && r.threads === 1);
  const torchN = ok.filter((r) => r.mode === 'pytorch').sort((a, b) => (b.threads ?? 0) - (a.threads ?? 0))[0];
  const ratio = (torch: MnistBenchRow | undefined, r: MnistBenchRow) => (torch && r.mode !== 'pytorch' ? (torch.samplesPerSecond / r.samplesPerSecond).toFixed(2) : '');
  return rows.map((r) => {
    const threads = r.threads === undefined ? '-' : String(r.threads);
    if (r.error) return [r.backend, r.mode, threads, String(r.epochs), '-', '-', '-', '', '', r.error];
    const notes: string[] = [];
    if (r.variant) notes.push(`experiment: ${r.variant}`);
    if (r.isolated !== undefined) notes.push(r.isolated ? 'isolated' : 'not isolated');
    const twin = ok.find((o) => o.backend === r.backend && o.mode === 'direct' && !o.variant);
    if (r.mode === 'runner' && twin) notes.push(`direct/runner ${(twin.samplesPerSecond / r.samplesPerSecond).toFixed(2)}`);
    const single = ok.find((o) => o.backend === r.backend && o.mode === 'runner' && o.threads === 1);
    if (r.mode === 'runner' && single && (r.threads ?? 1) > 1) notes.push(`vs 1 thread ${(r.samplesPerSecond / single.samplesPerSecond).toFixed(2)}x`);
    if (r.variant && twin) notes.push(`vs direct ${(r.samplesPerSecond / twin.samplesPerSecond).toFixed(2)}x`);
    if (r.blas) notes.push(`BLAS ${r.blas.split(', ').map((p) => p.split('/').at(-1)).join(', ')}`);
    if (r.load !== undefined) notes.push(`load ${r.load.toFixed(1)}`);
    return [
      r.backend,
      r.mode,
      threads,
      String(r.epochs),
      r.samplesPerSecond.toFixed(0),
      r.fitSeconds.toFixed(1),
      `${(r.validationAccuracy * 100).toFixed(2)}%`,
      ratio(torch1, r),
      ratio(torchN, r),
      notes.join('; '),
    ];
  });
}

export function formatMnistTable(rows: MnistBenchRow[]): string {
  const lines = tableRows(rows);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(COLUMNS), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at > 0 ? process.argv[at + 1] : undefined;
  };
  const baseURL = arg('base-url') ?? 'http://127.0.0.1:4321/';
  const rows = await benchMnist(launchChromium, {
    baseURL,
    isolatedBaseURL: arg('isolated-base-url'),
    epochs: Number(arg('epochs') ?? 5),
    backends: (arg('backends') ?? 'wasm').split(',') as BenchBackend[],
  });
  console.log(formatMnistTable(rows));
  console.log(JSON.stringify(rows));
}
