/**
 * Chapter 8 (generative models) in Chromium against the built site: every playground runs
 * on the WASM backend with small sizes and shows its grids, charts and tables with no
 * console errors; moving the t slider changes the forward-process picture; a stroke drawn
 * on the pad gets an anomaly score; the course's diffusion checkpoint generates digits.
 * Quality (errors against baselines, ROC areas, sample quality) is checked in Node by
 * tests/playgrounds/chapter8*.test.ts.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chartsWithPoints, consoleErrors, drawStroke, finished, output as out, start, type Params } from './fixtures/playgrounds.ts';

/** Small sizes: CI has two cores, and every page trains in one worker, one run at a time. */
const SMALL: Record<string, Params> = {
  'generative/autoencoder.ts': { epochs: 1 },
  'generative/vae.ts': { epochs: 1 },
  'generative/diffusion-train.ts': { steps: 40, channels: 8 },
  'generative/diffusion-sample.ts': { count: 4, samplingSteps: 20 },
  'generative/latent-diffusion.ts': { steps: 200, count: 10 },
};

async function run(page: Page, src: string, params: Params = SMALL[src] ?? {}): Promise<Locator> {
  const pg = await start(page, src, { params });
  await finished(pg, { timeout: 120_000 });
  return pg;
}

/** The grey values of the first image of the playground's first image grid, as a data URL. */
const firstPicture = (pg: Locator) => out(pg).locator('.pg-image-grid').first().locator('canvas, img').first().evaluate((el) =>
  el instanceof HTMLCanvasElement ? el.toDataURL() : (el as HTMLImageElement).src);

test.describe('chapter 8: generative models', () => {
  test('every playground runs on WASM, in page order; the t slider, a drawing and the checkpoint work', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = consoleErrors(page);
    await page.goto('chapters/generative/');

    const ae = await run(page, 'generative/autoencoder.ts');
    await expect(chartsWithPoints(ae)).toHaveCount(2);
    await expect(out(ae).locator('.pg-image-grid').last().locator('.pg-image')).toHaveCount(20);
    await expect(out(ae).locator('.pg-table').last()).toContainText('times better than the mean');

    const store = await run(page, 'generative/store-restore.ts');
    await expect(out(store).locator('.pg-image')).toHaveCount(32);
    await expect(out(store)).toContainText('Restored from the codes');

    const anomaly = await run(page, 'generative/anomaly.ts');
    await expect(chartsWithPoints(anomaly)).toHaveCount(2); // the histogram and the ROC curves
    await expect(out(anomaly).locator('.pg-table').last()).toContainText('rotated digits');

    const draw = await start(page, 'generative/anomaly-draw.ts');
    await drawStroke(page, draw, [[0.5, 0.15], [0.5, 0.85]]);
    await finished(draw);
    await expect(out(draw)).toContainText(/Anomaly score of your drawing: \d\.\d{4}/);
    await expect(out(draw).locator('.pg-image')).toHaveCount(2);

    const vae = await run(page, 'generative/vae.ts');
    await expect(chartsWithPoints(vae)).toHaveCount(1);
    await expect(out(vae).locator('.pg-image')).toHaveCount(16);

    const latent = await run(page, 'generative/latent-space.ts');
    await expect(chartsWithPoints(latent)).toHaveCount(2); // VAE and plain autoencoder
    await expect(out(latent).locator('.pg-image-grid')).toHaveCount(3);

    const forward = await run(page, 'generative/forward.ts', { t: 10 });
    await expect(chartsWithPoints(forward)).toHaveCount(1);
    await expect(out(forward)).toContainText('Step t = 10');
    const lightNoise = await firstPicture(forward);
    const moved = await run(page, 'generative/forward.ts', { t: 150 });
    await expect(out(moved)).toContainText('Step t = 150');
    expect(await firstPicture(moved)).not.toBe(lightNoise);

    const train = await run(page, 'generative/diffusion-train.ts');
    await expect(chartsWithPoints(train)).toHaveCount(1);
    await expect(out(train).locator('.pg-image-grid')).toHaveCount(4); // a preview every quarter

    const sample = await run(page, 'generative/diffusion-sample.ts');
    await expect(out(sample)).toContainText('4 generated digits (course checkpoint, asked for each in turn, guidance 2');
    await expect(out(sample).locator('.pg-image-grid').first().locator('.pg-image')).toHaveCount(4 * 7);
    await expect(out(sample).locator('.pg-image-grid').last().locator('.pg-image')).toHaveCount(4);
    const own = await run(page, 'generative/diffusion-sample.ts', { ...SMALL['generative/diffusion-sample.ts'], model: 'trained here' });
    await expect(out(own)).toContainText('(trained here');
    const seven = await run(page, 'generative/diffusion-sample.ts', { ...SMALL['generative/diffusion-sample.ts'], digit: '7' });
    await expect(out(seven).locator('.pg-image-grid').last()).toContainText('7777');

    const latentDiffusion = await run(page, 'generative/latent-diffusion.ts');
    await expect(chartsWithPoints(latentDiffusion)).toHaveCount(1);
    await expect(out(latentDiffusion).locator('.pg-image-grid').last().locator('.pg-image')).toHaveCount(10);

    expect(errors).toEqual([]);
  });
});
