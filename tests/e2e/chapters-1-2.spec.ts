/**
 * Chapters 1 and 2 in Chromium against the built site: every playground runs to
 * completion on the WASM backend and shows its tables and charts, with no console errors.
 * Numeric outcomes at full size (m and b within 5%, divergence) are in tests/playgrounds/;
 * a page reads a playground's params once, so each playground runs once here.
 */
import { expect, test } from '@playwright/test';
import { chartsWithPoints, consoleErrors, finished, output, start } from './fixtures/playgrounds.ts';

test('chapter 1: rules from data and why GPUs run on WASM', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = consoleErrors(page);
  await page.goto('chapters/what-is-deep-learning/');

  const rules = await start(page, 'intro/rules-from-data.ts');
  await finished(rules);
  await expect(chartsWithPoints(rules)).toHaveCount(1);
  const learned = await output(rules).locator('.pg-table tr', { hasText: 'learned rule' }).locator('td').allInnerTexts();
  expect(Number(learned[1])).toBeCloseTo(1.8, 1);

  // Auto skips the software GPU here, so the reader's page offers every backend it registered.
  const gpus = await start(page, 'intro/why-gpus.ts', { params: { maxSize: 128, repeats: 1 } });
  await finished(gpus);
  const header = await output(gpus).locator('.pg-table th').allInnerTexts();
  expect(header[0]).toBe('size');
  expect(header.slice(1)).toEqual(expect.arrayContaining(['wasm', 'cpu']));
  await expect(output(gpus).locator('.pg-chart-bar')).toHaveCount(1);
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

  const optimizers = await start(page, 'linear/optimizers.ts', { params: { epochs: 10 } });
  await finished(optimizers);
  await expect(output(optimizers).locator('.pg-table tbody tr')).toHaveCount(3);
  expect(errors).toEqual([]);
});
