/**
 * Chapter 8's playgrounds in headless Chromium on WASM, as a reader runs them
 * (chapters/generative/): seconds per epoch of the autoencoder and of the VAE on the
 * 8,000 training digits, seconds per 1,000 training steps of the in-browser diffusion
 * U-Net (the default 8 channels and batches of 32, and the checkpoint's 24 channels and
 * batches of 128 for comparison) and of the latent denoiser, and seconds to sample 20
 * digits from the course's checkpoint (0 to 9 twice, guided, 50 reverse steps). A
 * per-epoch or per-step figure is the difference of two runs of different length, so
 * loading data and the fixed work of a run cancel out.
 *
 *   npm run bench -- generative
 */
import { loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { freshPage, runMs, runPlaygroundAt, type Benchmark } from './lib.ts';

/** Seconds a run took, from the status line ("Done in 12.3 s on WASM, ..."). */
async function runSeconds(page: Page, url: string, src: string, params: Record<string, unknown>): Promise<{ seconds: number; output: string; threads?: number }> {
  const run = await runPlaygroundAt(page, url, src, { backend: 'wasm', params, timeoutMs: 900_000 });
  if (run.state !== 'done') throw new Error(`${src} ${JSON.stringify(params)}: ${run.state}: ${run.status}`);
  return { seconds: runMs(run.status) / 1000, output: run.output, ...(run.threads !== undefined && { threads: run.threads }) };
}

export const generative: Benchmark = {
  name: 'generative',
  async run(ctx) {
    const url = new URL('chapters/generative/', ctx.siteUrl).href;
    const browser = await ctx.launch();
    const rows: (string | number)[][] = [];
    const detail: Record<string, unknown>[] = [];
    try {
      const page = await freshPage(browser);
      const load = Number(loadavg()[0]!.toFixed(1));
      const perUnit = async (what: string, src: string, key: string, short: number, long: number, per: number, extra: Record<string, unknown> = {}) => {
        const a = await runSeconds(page, url, src, { [key]: short, ...extra });
        const b = await runSeconds(page, url, src, { [key]: long, ...extra });
        const value = ((b.seconds - a.seconds) / (long - short)) * per;
        rows.push([what, Number(value.toFixed(1)), `${key} ${short} vs ${long}: ${a.seconds} s / ${b.seconds} s`, b.threads ?? '?', load]);
        detail.push({ what, value, runs: [a.seconds, b.seconds], threads: b.threads, load });
      };
      await perUnit('autoencoder (bottleneck 32), s per epoch of 8,000 digits', 'generative/autoencoder.ts', 'epochs', 1, 3, 1);
      await perUnit('VAE + plain autoencoder (2-D), s per epoch of 8,000 digits', 'generative/vae.ts', 'epochs', 1, 3, 1);
      await perUnit('diffusion U-Net (default: 8 channels, batch 32), s per 1,000 training steps', 'generative/diffusion-train.ts', 'steps', 100, 300, 1000);
      await perUnit('diffusion U-Net (24 channels, batch 128, as the checkpoint), s per 1,000 training steps', 'generative/diffusion-train.ts', 'steps', 10, 30, 1000, { channels: 24, batch: 128 });
      // The latent denoiser works on the codes of the autoencoder trained above (kept across runs).
      await perUnit('latent denoiser (32-number codes, batch 128), s per 1,000 training steps', 'generative/latent-diffusion.ts', 'steps', 500, 1500, 1000);
      const sample = await runSeconds(page, url, 'generative/diffusion-sample.ts', { count: 20, samplingSteps: 50 });
      const took = /20 generated digits \(course checkpoint, asked for each in turn, guidance 2, 50 reverse steps, ([\d.]+) s/.exec(sample.output);
      if (!took) throw new Error('diffusion-sample.ts printed no sampling time');
      rows.push(['checkpoint: s to sample 20 digits (guided), 50 reverse steps', Number(took[1]), `whole run ${sample.seconds} s (loading the model included)`, sample.threads ?? '?', load]);
      detail.push({ what: 'sample20', value: Number(took[1]), run: sample.seconds, threads: sample.threads, load });
    } finally {
      await browser.close();
    }
    return {
      name: 'generative',
      title: 'Chapter 8 on WASM in Chromium (playgrounds/generative/)',
      columns: ['measure', 'seconds', 'from', 'threads', 'load'],
      rows,
      detail,
    };
  },
};
