/**
 * VGG16 in the built site's chapter 6, in headless Chromium: seconds per photo for
 * inference with the full model (transfer/classify.ts, the course photos at 224x224) and
 * for feature extraction of the Bo photos without the top (transfer/bo-door.ts, decoding
 * included), on WASM single-threaded (a page without cross-origin isolation, as on a first
 * visit) and threaded (the same site served with COOP/COEP), with the browser's peak
 * memory while each run lasted: the resident memory of every Chromium process of the run
 * (browser, renderer, GPU and utility processes, the kernel worker's renderer included),
 * summed, sampled every 100 ms from /proc (Linux). Shared pages count once per process,
 * so the sum overstates a little what the machine needs. The e2e build serves stand-in weights
 * of the real architecture and size, so the times and memory are those of the real model.
 *
 *   npm run bench -- vgg16      (VGG16_BENCH_PHOTOS=1 measures feature extraction, slower)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { freshPage, runPlaygroundAt, type Benchmark } from './lib.ts';

const PAGE = 'chapters/transfer-learning/';

/** Resident bytes of the Chromium processes among `root`'s descendants (Linux /proc); the file servers are left out. */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      parent.set(Number(name), Number(/PPid:\s+(\d+)/.exec(status)?.[1]));
      if (/^Name:\s+chrom/m.test(status)) rss.set(Number(name), Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid: number): boolean => pid === root || (parent.has(pid) && pid !== 0 && inTree(parent.get(pid)!));
  let total = 0;
  for (const [pid, bytes] of rss) if (pid !== root && inTree(pid)) total += bytes;
  return total;
}

/** Runs `work` while sampling the memory of this process's children; returns its result and the peak. */
async function withPeakMemory<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(process.pid))), 100);
  try {
    const result = await work();
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

const seconds = (output: string, re: RegExp) => [...output.matchAll(re)].map((m) => Number(m[1]));

export const vgg16: Benchmark = {
  name: 'vgg16',
  async run(ctx) {
    const rows: (string | number)[][] = [];
    const detail: Record<string, unknown> = {};
    const withPhotos = process.env.VGG16_BENCH_PHOTOS === '1';
    for (const [label, siteUrl] of [['not isolated', ctx.siteUrl], ['isolated', ctx.isolatedSiteUrl]] as const) {
      const browser = await ctx.launch();
      try {
        const load = loadavg()[0]!;
        const page = await freshPage(browser);
        await page.goto(`${siteUrl}${PAGE}`);
        const idle = treeRss(process.pid); // the browser with the chapter open, before any run
        const classify = await withPeakMemory(() => runPlaygroundAt(page, `${siteUrl}${PAGE}`, 'transfer/classify.ts', { backend: 'wasm', timeoutMs: 600_000 }));
        if (classify.result.state !== 'done') throw new Error(`classify.ts ended ${classify.result.state}: ${classify.result.status}`);
        const perPhoto = seconds(classify.result.output, /VGG16 took (\d+\.\d+) s for/g);
        const threads = classify.result.threads ?? 1;
        const name = `WASM, ${threads} thread${threads === 1 ? '' : 's'} (${label})`;
        rows.push([name, 'the chapter page open, before any run', '', (idle / 1e9).toFixed(2), load.toFixed(1)]);
        rows.push([name, 'full VGG16 (with top), 224x224, s per photo after the first', perPhoto.slice(1).join(', ') || 'n/a', (classify.peak / 1e9).toFixed(2), '']);
        rows.push([name, 'full VGG16, first photo (backend set-up included)', perPhoto[0] ?? 'n/a', '', '']);
        detail[label] = { classify: classify.result, perPhoto, peakBytes: classify.peak, idleBytes: idle, load };
        if (withPhotos) {
          const fresh = await freshPage(browser);
          const bo = await withPeakMemory(() => runPlaygroundAt(fresh, `${siteUrl}${PAGE}`, 'transfer/bo-door.ts', { backend: 'wasm', params: { epochs: 1 }, timeoutMs: 1_800_000 }));
          if (bo.result.state !== 'done') throw new Error(`bo-door.ts ended ${bo.result.state}: ${bo.result.status}`);
          const [perFeature] = seconds(bo.result.output, /: (\d+\.\d+) s per photo, decoding included/g);
          rows.push([name, 'features without top, 224x224, 168 Bo photos, s per photo (decoding included)', perFeature ?? 'n/a', (bo.peak / 1e9).toFixed(2), '']);
          detail[`${label} features`] = { bo: bo.result, peakBytes: bo.peak };
        }
      } finally {
        await browser.close();
      }
    }
    return {
      name: 'vgg16',
      title: 'VGG16 in chapter 6 (headless Chromium, stand-in weights of the real size): seconds per photo and the browser\'s peak memory',
      columns: ['backend', 'workload', 'seconds per photo', 'peak memory of the browser, GB', '1-min load average'],
      rows,
      detail,
    };
  },
};
