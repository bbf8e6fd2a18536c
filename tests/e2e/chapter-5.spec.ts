/**
 * Chapter 5 (American Sign Language) in Chromium against the built site, whose ASL set
 * is the real 199-row sample from ../shared/data (scripts/e2e-fixtures.ts): every
 * playground runs on WASM, in page order, with small sizes, and shows its grids, charts
 * and tables with no console errors; the comparison chart keeps the previous run's curve
 * after a rerun with a changed param until Clear removes it; the model reads the author's
 * photos and one chosen from a file; a build without the data set shows the notice with
 * the command and no error. Outcomes (the CNN memorises the sample, batch norm's moments,
 * seeded augmentation) are checked by tests/playgrounds/chapter5.test.ts.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from './fixtures/env.ts';
import { consoleErrors, finished, output, chartsWithPoints, playground, start, type Params } from './fixtures/playgrounds.ts';

const SMALL: Record<string, Params> = {
  'asl/explore.ts': { show: 12 },
  'asl/mlp.ts': { epochs: 2 },
  'asl/cnn.ts': { epochs: 1 },
  'asl/pooling.ts': {},
  'asl/dropout.ts': {},
  'asl/batchnorm.ts': { epochs: 1 },
  'asl/transforms.ts': {},
  'asl/augmented.ts': { epochs: 1 },
  'asl/predict.ts': {},
};

async function run(page: Page, src: string): Promise<Locator> {
  const pg = await start(page, src, { params: SMALL[src] ?? {} });
  await finished(pg);
  return pg;
}
const out = output;
/** A 40x30 PNG, a light square on grey, drawn in the page. */
async function photoPng(page: Page): Promise<Buffer> {
  const data = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [40, 30];
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#777';
    ctx.fillRect(0, 0, 40, 30);
    ctx.fillStyle = '#ddd';
    ctx.fillRect(12, 6, 16, 18);
    return canvas.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(data, 'base64');
}

test.describe('chapter 5: American Sign Language', () => {
  test('every playground runs on WASM on the real sample, and the model reads the two photos and yours', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = consoleErrors(page);
    await page.goto('chapters/sign-language/');

    const explore = await run(page, 'asl/explore.ts');
    await expect(out(explore).locator('.pg-image-grid').first().locator('.pg-image')).toHaveCount(12);
    await expect(out(explore).locator('.pg-image-grid').nth(1).locator('.pg-image')).toHaveCount(24);
    await expect(chartsWithPoints(explore)).toHaveCount(1);
    await expect(out(explore)).toContainText('Sign Language MNIST: 188 train / 11 validation images');
    await expect(out(explore).locator('.pg-table')).toContainText('pixels darker than 0.1');

    const mlp = await run(page, 'asl/mlp.ts');
    await expect(chartsWithPoints(mlp)).toHaveCount(2);
    await expect(out(mlp)).toContainText('676,888 weights');
    await expect(out(mlp).locator('.pg-table').last()).toContainText('gap');

    const cnn = await run(page, 'asl/cnn.ts');
    await expect(out(cnn).locator('.pg-table').first()).toContainText('404,399 weights, 404,099 of them trainable');
    await expect(chartsWithPoints(cnn)).toHaveCount(2);

    const pooling = await run(page, 'asl/pooling.ts');
    await expect(out(pooling).locator('.pg-image')).toHaveCount(4);
    await expect(out(pooling)).toContainText('The largest value survives every pooling');

    const dropout = await run(page, 'asl/dropout.ts');
    await expect(out(dropout).locator('.pg-image')).toHaveCount(5);
    await expect(out(dropout).locator('.pg-table tbody tr').last()).toContainText('yes');

    const batchnorm = await run(page, 'asl/batchnorm.ts');
    await expect(out(batchnorm).locator('.pg-table').first()).toContainText('std after');
    // Per batch and per epoch for each model, and the two validation curves together.
    await expect(chartsWithPoints(batchnorm)).toHaveCount(5);

    const transforms = await run(page, 'asl/transforms.ts');
    await expect(out(transforms).locator('.pg-image-grid').first().locator('.pg-image')).toHaveCount(13);
    await expect(out(transforms).locator('.pg-image-grid').nth(1).locator('.pg-image')).toHaveCount(16);
    await expect(out(transforms)).toContainText('vertical flip');

    const augmented = await run(page, 'asl/augmented.ts');
    await expect(chartsWithPoints(augmented)).toHaveCount(2);
    await expect(out(augmented).locator('.pg-table').last()).toContainText(/v2 after 1 epoch: [\d.]+ s per epoch on wasm/);
    await expect(augmented.locator('[data-part="kept"]')).toContainText('for the playgrounds after this one');

    const predict = await start(page, 'asl/predict.ts');
    await expect(predict.getByRole('button', { name: 'Choose a photo' })).toBeVisible({ timeout: 60_000 });
    // The author's photos were read before the question: a letter for each, top 3 of 24.
    for (const name of ['a.png', 'b.png']) await expect(out(predict)).toContainText(new RegExp(`${name.replace('.', '\\.')}: it's [A-IK-Y]; the top 3 of 24 letters \\(all 24 probabilities add up to 1\\.0000\\)`));
    await predict.locator('input[type="file"]').setInputFiles({ name: 'hand.png', mimeType: 'image/png', buffer: await photoPng(page) });
    await finished(predict);
    await expect(out(predict)).toContainText("your photo: it's");
    await expect(out(predict)).toContainText('what the model sees: 28x28 grey, the middle square');

    expect(errors).toEqual([]);
  });

  test('the comparison chart keeps the previous run after a rerun with a changed param, until Clear removes it', async ({ page }) => {
    test.setTimeout(150_000);
    const errors = consoleErrors(page);
    await page.goto('chapters/sign-language/');
    const pg = await run(page, 'asl/augmented.ts');
    const chart = out(pg).locator('.pg-chart').filter({ hasText: 'Compare runs: per epoch' });
    await expect(chart).toHaveAttribute('data-earlier', '0');
    await pg.getByRole('checkbox', { name: 'augmentation' }).uncheck();
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    await finished(pg);
    const again = out(pg).locator('.pg-chart').filter({ hasText: 'Compare runs: per epoch' });
    await expect(again).toHaveAttribute('data-earlier', '1');
    await expect(again.locator('.u-legend')).toContainText('val_acc (augment true)');
    await expect(out(pg).locator('.pg-table').last()).toContainText('v1 after 1 epoch');
    await again.getByRole('button', { name: 'Clear earlier runs (1)' }).click();
    await expect(again).toHaveAttribute('data-earlier', '0');
    await expect(again.locator('.u-legend')).not.toContainText('augment true');
    expect(errors).toEqual([]);
  });

  test("the webcam preview marks the middle square the model will see, and the frame taken gets a letter", async ({ playwright, baseURL }) => {
    test.setTimeout(120_000);
    // Chromium's fake camera (a moving test pattern, 640x480) and no permission prompt: its own browser.
    const browser = await playwright.chromium.launch(chromiumLaunchOptions(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']));
    try {
      const context = await browser.newContext({ baseURL: baseURL!, serviceWorkers: 'block', permissions: ['camera'] });
      const page = await context.newPage();
      const errors = consoleErrors(page);
      await page.goto('chapters/sign-language/');
      await run(page, 'asl/augmented.ts');
      const predict = await start(page, 'asl/predict.ts');
      await predict.getByRole('button', { name: 'Use the webcam' }).click({ timeout: 60_000 });
      const video = predict.locator('video.pg-webcam');
      const guide = predict.locator('.pg-webcam-guide');
      await expect(guide).toBeVisible();
      const [v, g] = [(await video.boundingBox())!, (await guide.boundingBox())!];
      // A square as high as the 4:3 frame, in its middle.
      expect(Math.abs(g.width - g.height)).toBeLessThan(2);
      expect(Math.abs(g.height - v.height)).toBeLessThan(2);
      expect(Math.abs(g.x + g.width / 2 - (v.x + v.width / 2))).toBeLessThan(2);
      await predict.getByRole('button', { name: 'Take photo' }).click();
      await finished(predict);
      await expect(out(predict)).toContainText(/your photo: it's [A-IK-Y]; the top 3 of 24 letters/);
      await expect(out(predict)).toContainText('your photo, 640x480');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  test('a build without the ASL set shows the notice with the command, and no error', async ({ page }) => {
    test.setTimeout(90_000);
    const errors = consoleErrors(page);
    // The data index of a build that never ran `npm run assets`: no "asl" entry.
    await page.route('**/data/index.json', async (route) => {
      const index = await (await route.fetch()).json();
      delete index.datasets.asl;
      await route.fulfill({ json: index });
    });
    await page.goto('chapters/sign-language/');
    for (const src of ['asl/explore.ts', 'asl/cnn.ts']) {
      const pg = await run(page, src);
      const note = out(pg).locator('.pg-note-warning');
      await expect(note).toContainText('Sign Language MNIST: not in this build of the site');
      await expect(note).toContainText('npm run assets');
      await expect(chartsWithPoints(pg)).toHaveCount(0);
    }
    await expect(playground(page, 'asl/explore.ts').locator('[data-part="status"]')).not.toContainText('Error');
    expect(errors).toEqual([]);
  });
});
