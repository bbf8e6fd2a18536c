/**
 * Time from pressing Run to the first output on the page, per backend: cold (first run
 * on a fresh page: worker start, TF.js load, backend init) and warm (the next run).
 */
import type { Page } from '@playwright/test';
import { runPlayground, type Benchmark } from './lib.ts';
import { BACKENDS } from '../../src/runner/protocol.ts';

const SRC = 'lab/hello.ts';

/** Clicks Run and measures, in the page's own clock, until the output region first changes. */
function timeToFirstOutput(page: Page): Promise<number> {
  return page.evaluate((src) => {
    const root = document.querySelector<HTMLElement>(`[data-src="${src}"]`)!;
    const output = root.querySelector('[data-part="output"]')!;
    return new Promise<number>((resolve) => {
      const start = performance.now();
      const watch = new MutationObserver(() => {
        if (output.childElementCount > 0) {
          watch.disconnect();
          resolve(performance.now() - start);
        }
      });
      watch.observe(output, { childList: true, subtree: true });
      root.querySelector<HTMLButtonElement>('[data-part="run"]')!.click();
    });
  }, SRC);
}

async function waitDone(page: Page): Promise<string> {
  await page.waitForFunction(
    (s) => /^(done|error|stopped|crashed)$/.test(document.querySelector(`[data-src="${s}"]`)?.getAttribute('data-state') ?? ''),
    SRC,
    { timeout: 180_000 },
  );
  return (await page.locator(`[data-src="${SRC}"]`).getAttribute('data-backend')) ?? '?';
}

export const firstOutput: Benchmark = {
  name: 'first-output',
  async run(ctx) {
    const rows: (string | number)[][] = [];
    const detail = [];
    for (const backend of BACKENDS) {
      const browser = await ctx.launch();
      const page = await browser.newPage();
      await page.goto(`${ctx.siteUrl}lab/`);
      await page.locator(`[data-src="${SRC}"] [data-part="backend"]`).selectOption(backend);
      const cold = await timeToFirstOutput(page);
      const used = await waitDone(page);
      const warm = await timeToFirstOutput(page);
      await waitDone(page);
      // A third run confirms the warm number is not a one-off.
      const warm2 = await timeToFirstOutput(page);
      await waitDone(page);
      await runPlayground(page, SRC); // leaves the kernel idle before closing
      await browser.close();
      rows.push([backend, used, Math.round(cold), Math.round(Math.min(warm, warm2))]);
      detail.push({ backend, used, coldMs: cold, warmMs: [warm, warm2] });
    }
    return {
      name: 'first-output',
      title: `Run to first output (${SRC}), ms`,
      columns: ['backend asked', 'backend used', 'cold (ms)', 'warm (ms)'],
      rows,
      detail,
    };
  },
};
