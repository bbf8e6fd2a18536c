/**
 * How long the editor takes on the lab page: Edit to a visible Monaco, then to the first
 * TypeScript error marker (the TS worker reading the type bundle), then to the next marker
 * once it is warm.
 */
import type { Page } from '@playwright/test';
import type { Benchmark } from './lib.ts';

const SRC = 'lab/hello.ts';

/** Types `line` at the end of the code and waits, in page time, for one more error squiggle. */
async function timeToMarker(page: Page, line: string): Promise<number> {
  const root = page.locator(`[data-src="${SRC}"]`);
  const before = await root.locator('.squiggly-error').count();
  await root.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  const start = Date.now();
  await page.keyboard.insertText(`\n${line}`);
  await page.waitForFunction(
    ([src, n]) => document.querySelectorAll(`[data-src="${src}"] .squiggly-error`).length > n,
    [SRC, before] as const,
    { timeout: 180_000, polling: 50 },
  );
  return Date.now() - start;
}

export const editorReady: Benchmark = {
  name: 'editor-ready',
  async run(ctx) {
    const browser = await ctx.launch();
    const page = await browser.newPage();
    await page.goto(`${ctx.siteUrl}lab/`, { waitUntil: 'networkidle' });
    const start = Date.now();
    await page.locator(`[data-src="${SRC}"] [data-action="edit"]`).click();
    await page.locator(`[data-src="${SRC}"] .monaco-editor`).waitFor({ timeout: 120_000 });
    const editorMs = Date.now() - start;
    const firstMarkerMs = await timeToMarker(page, 'const a: string = 1;');
    const nextMarkerMs = await timeToMarker(page, 'const b: number = "x";');
    await browser.close();
    return {
      name: 'editor-ready',
      title: 'Editor start-up on the lab page, ms',
      columns: ['Edit to editor visible', 'typing to first type-error marker (cold)', 'typing to next marker (warm)'],
      rows: [[editorMs, firstMarkerMs, nextMarkerMs]],
      detail: { editorMs, firstMarkerMs, nextMarkerMs },
    };
  },
};
