/**
 * Data and models in the browser (issue 4): MNIST streams from the site with a visible
 * progress bar, a BERT fill-mask pipeline and its tokenizer run from site-hosted files
 * with remote models disabled (the e2e build serves the tiny test BERT, see
 * scripts/e2e-fixtures.ts), and no request ever leaves the site's origin.
 */
import { expect, test, type Page } from '@playwright/test';
import { consoleErrors, finished, output, start } from './fixtures/playgrounds.ts';

/** Every request the page makes to another origin. */
function foreignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol.startsWith('http') && url.origin !== origin) foreign.push(r.url());
  });
  return foreign;
}

test('MNIST loads from the site with a progress bar in bytes, and nothing leaves the origin', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const foreign = foreignRequests(page, new URL(baseURL!).origin);
  const errors = consoleErrors(page);
  const dataRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/data/')) dataRequests.push(new URL(r.url()).pathname);
  });
  await page.goto('chapters/mnist/');
  const explore = await start(page, 'mnist/explore.ts', { params: { show: 16 } });
  await finished(explore);
  const bar = output(explore).locator('.pg-progress').first();
  await expect(bar).toBeVisible();
  // 10,000 digits of 784 bytes, shown in MB, completed.
  await expect(bar).toContainText(/MB/);
  await expect(bar.locator('progress')).toHaveJSProperty('value', await bar.locator('progress').evaluate((p: HTMLProgressElement) => p.max));
  await expect(output(explore)).toContainText('bundled 10,000');
  expect(dataRequests.some((p) => p.endsWith('/data/mnist/mnist-10k.bin'))).toBe(true);
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('BERT fill-mask and its tokenizer run from site-hosted files, with remote models off', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const foreign = foreignRequests(page, new URL(baseURL!).origin);
  const errors = consoleErrors(page);
  await page.goto('lab/');
  const pg = await start(page, 'lab/fill-mask.ts', { params: { model: 'tiny-bert', sentence: 'the cat sat on the [MASK].' } });
  await finished(pg);
  await expect(output(pg)).toContainText('tokens: the cat sat on the [MASK] .');
  const rows = output(pg).locator('.pg-table tbody tr');
  await expect(rows).toHaveCount(5);
  const scores = (await rows.locator('td:nth-child(2)').allInnerTexts()).map(Number);
  expect(scores.every((s) => s > 0 && s <= 1)).toBe(true);
  expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  expect(scores.reduce((a, b) => a + b)).toBeLessThanOrEqual(1.0001);
  // Every guess changes only the mask (the fixture's random weights make any token likely).
  for (const sentence of await rows.locator('td:nth-child(3)').allInnerTexts()) {
    expect(sentence.startsWith('the cat sat on the')).toBe(true);
    expect(sentence).not.toContain('[MASK]');
  }
  // The download progress bar of the model files.
  await expect(output(pg).locator('.pg-progress')).toContainText('tiny-bert');
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});
