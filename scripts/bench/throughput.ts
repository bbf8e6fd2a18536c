/**
 * Training throughput of a fixed small MLP (playgrounds/lab/mlp-throughput.ts) through the
 * playground runner (kernel worker) vs the same file imported directly on a page's main
 * thread (src/pages/lab/bench-direct.astro). Overhead = direct / runner.
 */
import type { Page } from '@playwright/test';
import { runPlayground, type Benchmark } from './lib.ts';
import { BACKENDS } from '../../src/runner/protocol.ts';

const SRC = 'lab/mlp-throughput.ts';
/** Must match the params the lab page gives this playground. */
const BATCHES = 40;
const RESULT = /(\d+) batches: throughput ([\d.]+) samples\/s on (\w+)/;

function parse(text: string, where: string): { batches: number; samplesPerSecond: number; backend: string } {
  const m = RESULT.exec(text);
  if (!m) throw new Error(`${where}: no throughput line in ${JSON.stringify(text.slice(0, 300))}`);
  return { batches: Number(m[1]), samplesPerSecond: Number(m[2]), backend: m[3]! };
}

async function throughRunner(page: Page, siteUrl: string, backend: string) {
  await page.goto(`${siteUrl}lab/`);
  await page.locator(`[data-src="${SRC}"] [data-part="backend"]`).selectOption(backend);
  const state = await runPlayground(page, SRC);
  const text = await page.locator(`[data-src="${SRC}"] [data-part="output"]`).innerText();
  if (state !== 'done') throw new Error(`runner (${backend}) ended ${state}: ${text}`);
  return parse(text, `runner ${backend}`);
}

async function direct(page: Page, siteUrl: string, backend: string) {
  await page.goto(`${siteUrl}lab/bench-direct/?backend=${backend}&batches=${BATCHES}`);
  await page.waitForFunction(() => document.body.dataset.result !== undefined, undefined, { timeout: 180_000 });
  return parse((await page.evaluate(() => document.body.dataset.result)) ?? '', `direct ${backend}`);
}

export const throughput: Benchmark = {
  name: 'throughput',
  async run(ctx) {
    const rows: (string | number)[][] = [];
    const detail = [];
    for (const backend of BACKENDS) {
      const browser = await ctx.launch();
      try {
        const runner = await throughRunner(await browser.newPage(), ctx.siteUrl, backend);
        const base = await direct(await browser.newPage(), ctx.siteUrl, backend);
        if (runner.batches !== BATCHES || base.batches !== BATCHES) throw new Error(`batch counts differ: runner ${runner.batches}, direct ${base.batches}`);
        const overhead = base.samplesPerSecond / runner.samplesPerSecond;
        rows.push([backend, runner.backend, runner.samplesPerSecond.toFixed(0), base.backend, base.samplesPerSecond.toFixed(0), overhead.toFixed(2)]);
        detail.push({ backend, runner, direct: base, overhead });
      } catch (error) {
        rows.push([backend, 'failed', '-', '-', '-', '-']);
        detail.push({ backend, error: String(error) });
      } finally {
        await browser.close();
      }
    }
    return {
      name: 'throughput',
      title: `MLP training throughput, ${BATCHES} batches of 64 (samples/s)`,
      columns: ['backend', 'runner used', 'runner', 'direct used', 'direct (main thread)', 'overhead (direct/runner)'],
      rows,
      detail,
    };
  },
};
