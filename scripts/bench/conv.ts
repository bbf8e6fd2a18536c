/**
 * Convolution speed on WASM in the kernel worker, single-threaded vs threaded: GFLOP/s of
 * VGG16-sized 3x3 convolutions and seconds per VGG16 forward pass on one 224x224 image.
 * The workload is the lab playground playgrounds/lab/conv-bench.ts (on /lab/), run through
 * the runner twice: on a page without cross-origin isolation (one WASM thread) and on the
 * same site served with COOP/COEP (the kernel's WASM uses every core). The thread counts
 * reported are those of the runs' summaries (`data-threads`).
 *
 *   npm run bench -- conv        (CONV_BENCH_MIN_MS, CONV_BENCH_REPS, CONV_BENCH_VGG_REPS)
 *
 * FLOPs count 2 per multiply-add: 2 * H * W * Cin * Cout * 9 per image for a 3x3 layer,
 * so VGG16's 13 conv layers are 30.7 GFLOP per image (15.4 G multiply-adds, the "15.5
 * GFLOPs" usually quoted with the dense layers).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { freshPage, runPlaygroundAt, type Benchmark } from './lib.ts';

const SRC = 'lab/conv-bench.ts';

interface ConvResult {
  backend: string;
  isolated: boolean;
  layers: { shape: string; gflop: number; medianGflops: number; bestGflops: number }[];
  vgg?: { medianSeconds: number; bestSeconds: number; gflop: number };
}

/** VGG16's conv layers at 224x224: [side, cin, cout] per layer, by block. */
const VGG16_BLOCKS: [number, number, number][][] = [
  [[224, 3, 64], [224, 64, 64]],
  [[112, 64, 128], [112, 128, 128]],
  [[56, 128, 256], [56, 256, 256], [56, 256, 256]],
  [[28, 256, 512], [28, 512, 512], [28, 512, 512]],
  [[14, 512, 512], [14, 512, 512], [14, 512, 512]],
];
/** The measured shape (conv-bench.ts's SHAPES) whose GFLOP/s stands for each block's layers in the derived estimate. */
const BLOCK_SHAPE = ['64->64 on 1x224x224', '128->128 on 4x56x56', '256->256 on 1x56x56', '512->512 on 1x28x28', '512->512 on 1x28x28'];

/** Seconds per VGG16 image if every conv layer ran at the GFLOP/s measured for its block's shape. */
export function derivedVggSeconds(layers: ConvResult['layers']): number {
  return VGG16_BLOCKS.reduce((sum, block, b) => {
    const rate = layers.find((l) => l.shape === BLOCK_SHAPE[b])?.medianGflops ?? Number.NaN;
    return sum + block.reduce((s, [side, cin, cout]) => s + (2 * side * side * cin * cout * 9) / 1e9 / rate, 0);
  }, 0);
}

type Measured = ConvResult & { threads: number; load: number };

async function measure(page: Page, siteUrl: string): Promise<Measured> {
  const load = loadavg()[0]!;
  const params = {
    ...(process.env.CONV_BENCH_MIN_MS && { minMs: Number(process.env.CONV_BENCH_MIN_MS) }),
    ...(process.env.CONV_BENCH_REPS && { reps: Number(process.env.CONV_BENCH_REPS) }),
    ...(process.env.CONV_BENCH_VGG_REPS && { vggReps: Number(process.env.CONV_BENCH_VGG_REPS) }),
  };
  const run = await runPlaygroundAt(page, `${siteUrl}lab/`, SRC, { backend: 'wasm', params, timeoutMs: 600_000 });
  if (run.state !== 'done') throw new Error(`conv-bench ended ${run.state}: ${run.status}`);
  if (run.backend !== 'wasm') throw new Error(`conv-bench ran on ${run.backend}, not wasm`);
  const line = run.output.split('\n').find((l) => l.startsWith('conv-bench '));
  if (!line) throw new Error(`no conv-bench line in ${JSON.stringify(run.output.slice(0, 300))}`);
  return { ...(JSON.parse(line.slice('conv-bench '.length)) as ConvResult), threads: run.threads ?? Number.NaN, load };
}

export const conv: Benchmark = {
  name: 'conv',
  async run(ctx) {
    if (!readFileSync(`${ctx.distDir}/lab/index.html`, 'utf8').includes(`data-src="${SRC}"`)) {
      throw new Error(`${ctx.distDir}/lab/index.html has no ${SRC} playground: rebuild the site (npm run build:e2e)`);
    }
    const browser = await ctx.launch();
    const results = [];
    try {
      for (const siteUrl of [ctx.siteUrl, ctx.isolatedSiteUrl]) {
        const page = await freshPage(browser);
        try {
          results.push(await measure(page, siteUrl));
        } finally {
          await page.context().close();
        }
      }
    } finally {
      await browser.close();
    }
    const [single, threaded] = results as [Measured, Measured];
    const label = (r: { threads: number; isolated: boolean }) => `${r.threads} thread${r.threads === 1 ? '' : 's'}${r.isolated ? ', isolated' : ''}`;
    const rows: string[][] = single.layers.map((l, i) => {
      const t = threaded.layers[i]!;
      return [`3x3 conv ${l.shape} (GFLOP/s, median)`, l.gflop.toFixed(2), l.medianGflops.toFixed(1), t.medianGflops.toFixed(1), (t.medianGflops / l.medianGflops).toFixed(2)];
    });
    if (single.vgg && threaded.vgg) {
      rows.push([
        'VGG16 forward, random weights, no dense top (s per 224x224 image, measured, median)',
        single.vgg.gflop.toFixed(1),
        single.vgg.medianSeconds.toFixed(2),
        threaded.vgg.medianSeconds.toFixed(2),
        (single.vgg.medianSeconds / threaded.vgg.medianSeconds).toFixed(2),
      ]);
      rows.push([
        'VGG16 forward, implied GFLOP/s',
        single.vgg.gflop.toFixed(1),
        (single.vgg.gflop / single.vgg.medianSeconds).toFixed(1),
        (threaded.vgg.gflop / threaded.vgg.medianSeconds).toFixed(1),
        (single.vgg.medianSeconds / threaded.vgg.medianSeconds).toFixed(2),
      ]);
    }
    const derivedSingle = derivedVggSeconds(single.layers);
    const derivedThreaded = derivedVggSeconds(threaded.layers);
    rows.push([
      'VGG16 conv layers, derived from the per-layer GFLOP/s above (s per image)',
      '30.7',
      derivedSingle.toFixed(2),
      derivedThreaded.toFixed(2),
      (derivedSingle / derivedThreaded).toFixed(2),
    ]);
    // Threaded numbers need idle cores: with another busy process on the machine they drop the most.
    rows.push(['1-min load average when the run started (os.loadavg)', '', single.load.toFixed(1), threaded.load.toFixed(1), '']);
    return {
      name: 'conv',
      title: 'Convolutions on WASM in the kernel worker (lab/conv-bench.ts): not isolated (1 thread) vs cross-origin isolated (threaded)',
      columns: ['workload', 'GFLOP', `WASM, ${label(single)}`, `WASM, ${label(threaded)}`, 'threaded/single (speed)'],
      rows,
      detail: { single, threaded, derivedVggSeconds: { single: derivedSingle, threaded: derivedThreaded } },
    };
  },
};
