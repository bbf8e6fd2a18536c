/**
 * Chapters 1 and 2 in Chromium against the built site: every playground runs to
 * completion on the WASM backend and shows its tables and charts, with no console errors;
 * the ones that read tensors also run on an explicitly chosen (software) WebGPU, where
 * the runner refuses dataSync(). Numeric outcomes at full size (m and b within 5%,
 * divergence, the learned Celsius rule) are in tests/playgrounds/.
 */
import { expect, test } from '@playwright/test';
import { chromiumLaunchOptions, WEBGPU_ARGS } from './fixtures/env.ts';
import { chartsWithPoints, consoleErrors, finished, output, start } from './fixtures/playgrounds.ts';

test('chapter 1: rules from data, tensors and why GPUs run on WASM', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = consoleErrors(page);
  await page.goto('chapters/what-is-deep-learning/');

  const rules = await start(page, 'intro/rules-from-data.ts');
  await finished(rules);
  await expect(chartsWithPoints(rules)).toHaveCount(2);
  const learned = await output(rules).locator('.pg-table tr', { hasText: 'learned rule' }).locator('td').allInnerTexts();
  expect(Number(learned[1])).toBeCloseTo(1.8, 2);
  await expect(output(rules)).toContainText('100 °C -> 212.0 °F');

  const tensors = await start(page, 'intro/tensors.ts');
  await finished(tensors);
  await expect(output(tensors)).toContainText('lives on the wasm backend');
  await expect(output(tensors)).toContainText('await b.data()  -> [10, 20, 30, 40, 50, 60]');
  await expect(output(tensors)).toContainText('kept 1 new tensor: its result, 91');
  await expect(output(tensors)).toContainText('tensors this playground left allocated: 0');

  // Auto skips the software GPU here, so the reader's page offers every backend it registered.
  const gpus = await start(page, 'intro/why-gpus.ts', { params: { maxSize: 128 } });
  await finished(gpus);
  const header = await output(gpus).locator('.pg-table th').allInnerTexts();
  expect(header[0]).toBe('size');
  expect(header.slice(1)).toEqual(expect.arrayContaining(['wasm', 'cpu']));
  for (const cell of await output(gpus).locator('.pg-table tbody td').allInnerTexts()) {
    if (/×/.test(cell)) continue;
    expect(Number.isFinite(Number(cell)) && Number(cell) > 0, `speed ${cell}`).toBe(true);
  }
  await expect(output(gpus).locator('.pg-chart-bar')).toHaveCount(1);
  // TF.js's WASM backend runs several threads only on a cross-origin isolated page (this
  // site's service worker isolates pages from the next load on): the playground says which.
  const isolated = await page.evaluate(() => crossOriginIsolated);
  await expect(output(gpus)).toContainText(isolated ? 'wasm: several threads, as this page is cross-origin isolated' : 'wasm: one thread, one CPU core (this page is not cross-origin isolated)');
  await expect(output(gpus)).toContainText(/vs .*: largest difference/);
  expect(errors).toEqual([]);
});

test('chapter 2: every linear-model playground runs on WASM', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = consoleErrors(page);
  await page.goto('chapters/linear-model/');

  const guess = await start(page, 'linear/loss-for-a-guess.ts');
  await finished(guess);
  await expect(chartsWithPoints(guess)).toHaveCount(1);
  await expect(output(guess).locator('.pg-table')).toContainText('RMSE');

  const descent = await start(page, 'linear/gradient-descent.ts', { params: { epochs: 10 } });
  await finished(descent);
  await expect(chartsWithPoints(descent)).toHaveCount(2);
  await expect(output(descent).locator('.pg-table')).toContainText('learned');

  const optimizers = await start(page, 'linear/optimizers.ts', { params: { epochs: 10, shuffle: true } });
  await finished(optimizers);
  await expect(output(optimizers).locator('.pg-table tbody tr')).toHaveCount(3);
  expect(errors).toEqual([]);
});

test.describe('chapters 1 and 2 on WebGPU', () => {
  test('the playgrounds that read tensors run on an explicitly chosen software WebGPU', async ({ playwright, baseURL }) => {
    test.setTimeout(300_000);
    // WebGPU needs its own launch flags, so this test starts its own browser (SwiftShader:
    // a GPU imitated on the CPU, where a dataSync() of GPU data is an error).
    const browser = await playwright.chromium.launch(chromiumLaunchOptions(WEBGPU_ARGS));
    try {
      const page = await browser.newPage({ baseURL: baseURL! });
      const errors = consoleErrors(page);
      await page.goto('chapters/what-is-deep-learning/');
      const rules = await start(page, 'intro/rules-from-data.ts', { backend: 'webgpu', params: { epochs: 50 } });
      await finished(rules, { backend: 'webgpu', timeout: 120_000 });
      await expect(output(rules)).toContainText(/100 °C -> \d+\.\d °F/);
      const tensors = await start(page, 'intro/tensors.ts', { backend: 'webgpu' });
      await finished(tensors, { backend: 'webgpu' });
      await expect(output(tensors)).toContainText('lives on the webgpu backend');
      await expect(output(tensors)).toContainText('tensors this playground left allocated: 0');

      await page.goto('chapters/linear-model/');
      const descent = await start(page, 'linear/gradient-descent.ts', { backend: 'webgpu', params: { epochs: 3 } });
      await finished(descent, { backend: 'webgpu', timeout: 120_000 });
      await expect(output(descent).locator('.pg-table')).toContainText('learned');
      const optimizers = await start(page, 'linear/optimizers.ts', { backend: 'webgpu', params: { epochs: 2 } });
      await finished(optimizers, { backend: 'webgpu', timeout: 120_000 });
      await expect(output(optimizers).locator('.pg-table tbody tr')).toHaveCount(3);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
