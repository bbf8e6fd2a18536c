/**
 * Cross-origin isolation through public/coi-sw.js on the built site served as GitHub Pages
 * serves it (no COOP/COEP headers): after the service worker takes over, pages are
 * `crossOriginIsolated`, WASM computes with every core, and what the course loads (fonts,
 * Monaco, the BERT fixture, the webcam) still works. Without service workers, runs still
 * work, on one thread, and say so.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from './fixtures/env.ts';
import { consoleErrors, finished, output, playground, start } from './fixtures/playgrounds.ts';

/** Opens `path` through the service worker: first visit registers it, the reload is isolated. */
async function isolatedPage(browser: Browser, baseURL: string, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, serviceWorkers: 'allow' });
  const page = await context.newPage();
  await page.goto(path);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false); // Pages sends no such headers
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  return page;
}

test('the service worker makes the site cross-origin isolated; WASM then uses every core, and the course still loads', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const page = await isolatedPage(browser, baseURL!, 'lab/');
  const errors = consoleErrors(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);

  const hello = await start(page, 'lab/hello.ts');
  await finished(hello);
  await expect(hello).toHaveAttribute('data-threads', String(cores));
  await expect(hello.locator('[data-part="status"]')).toContainText(`on WASM, ${cores} thread`);
  await expect(hello.locator('[data-part="threads"]')).toHaveCount(0);

  // BERT through ONNX Runtime's threaded WASM, from the site-hosted fixture.
  const bert = await start(page, 'lab/fill-mask.ts', { params: { model: 'tiny-bert', sentence: 'the cat sat on the [MASK].' } });
  await finished(bert);
  await expect(output(bert).locator('.pg-table tbody tr')).toHaveCount(5);

  // Monaco and its workers.
  const pg = playground(page, 'lab/hello.ts');
  await pg.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(pg.locator('.monaco-editor .view-lines')).toContainText("import * as tf from '@tensorflow/tfjs'");

  // A chapter page, with the site's own fonts.
  await page.goto('chapters/mnist/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family);
  });
  expect(fonts.join(' ')).toMatch(/Inter/);
  expect(errors).toEqual([]);
  await page.context().close();
});

test('under isolation the webcam still reaches a run (Chromium fake camera)', async ({ playwright, baseURL }) => {
  const browser = await playwright.chromium.launch(chromiumLaunchOptions(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']));
  const page = await isolatedPage(browser, baseURL!, 'lab/');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const pg = playground(page, 'lab/photo.ts');
  await pg.getByRole('button', { name: 'Run', exact: true }).click();
  await pg.getByRole('button', { name: 'Use the webcam' }).click({ timeout: 90_000 });
  await pg.getByRole('button', { name: 'Take photo' }).click();
  await expect(pg).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(output(pg)).toContainText(/photo \d+x\d+/);
  await browser.close();
});

test('with service workers blocked, runs work on one thread and say why', async ({ page }) => {
  // The suite's default (playwright.config.ts): service workers blocked, as some browsers do.
  await page.goto('lab/');
  await page.reload();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  const hello = await start(page, 'lab/hello.ts');
  await finished(hello);
  await expect(hello).toHaveAttribute('data-threads', '1');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  if (cores > 1) await expect(hello.locator('[data-part="threads"]')).toContainText(`WASM ran on one thread of ${cores}`);
});
