/**
 * Chapter 6 (VGG16 and transfer learning) in Chromium against the built site, whose e2e
 * build serves stand-in VGG16 weights (real architecture, seeded random, labelled
 * untrained: scripts/fixtures/vgg16-stand-in.ts) and the demo photos of ../shared/data/.
 * Every playground runs on WASM in page order with small sizes, the webcam through
 * Chromium's fake camera and files through the file chooser, with no console errors;
 * a second page load takes the weights from the browser's cache, not the network.
 * What the playgrounds compute is checked by tests/playgrounds/chapter6.test.ts.
 */
import { existsSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chromiumLaunchOptions, E2E_DIST } from './fixtures/env.ts';
import { chartsWithPoints, consoleErrors, finished, output, start, type Params } from './fixtures/playgrounds.ts';

// A camera that shows Chromium's test pattern, allowed without a prompt.
test.use({ launchOptions: chromiumLaunchOptions(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']) });

const PHOTO = `${E2E_DIST}/data/photos/doggy_door_images/happy_dog.jpg`;
const HAS_PHOTOS = existsSync(PHOTO);

/** Small sizes: CI has two cores and VGG16 at 32x32 costs 49 times less than at 224x224. */
const SMALL: Record<string, Params> = {
  'transfer/bo-door.ts': { imageSize: 32, epochs: 3 },
  'transfer/augment.ts': { epochs: 1, training: 'augmented' },
  'transfer/fine-tune.ts': { epochs: 1 },
  'transfer/your-classes.ts': { classes: 'pattern, another', photosPerClass: 2, guesses: 1, imageSize: 32 },
};
const startSmall = (page: Page, src: string) => start(page, src, { params: SMALL[src] ?? {} });
const out = output;

/** Answers the playground's photo request with a frame of the (fake) webcam. */
async function webcamFrame(pg: Locator): Promise<void> {
  await pg.getByRole('button', { name: 'Use the webcam' }).click({ timeout: 100_000 });
  await pg.getByRole('button', { name: 'Take photo' }).click();
}

async function chooseFile(page: Page, pg: Locator, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 100_000 });
  await pg.getByRole('button', { name: 'Choose a photo' }).click({ timeout: 100_000 });
  await (await chooser).setFiles(path);
}

test.describe('chapter 6: VGG16 and transfer learning', () => {
  test.skip(!HAS_PHOTOS, `the e2e build has no demo photos (${PHOTO}): build it where ../shared/data/ has them`);

  test('every playground runs on WASM in page order, with the webcam and with files', async ({ page }) => {
    test.setTimeout(600_000);
    const errors = consoleErrors(page);
    await page.goto('chapters/transfer-learning/');

    const layers = await startSmall(page, 'transfer/vgg16-layers.ts');
    await finished(layers);
    await expect(out(layers).locator('.pg-table').first()).toContainText('138,357,544 weights');

    const classify = await startSmall(page, 'transfer/classify.ts');
    await finished(classify, { timeout: 300_000 });
    await expect(out(classify).locator('.pg-note-warning')).toContainText('stand-in VGG16 weights');
    await expect(out(classify).locator('.pg-chart-bar')).toHaveCount(2);
    await expect(out(classify)).toContainText('(untrained weights: meaningless)');

    const yours = await startSmall(page, 'transfer/classify-yours.ts');
    await chooseFile(page, yours, PHOTO);
    await finished(yours);
    await expect(out(yours).locator('.pg-chart-bar')).toHaveCount(1);
    await expect(out(yours)).toContainText(/Top-1: .+ \(class \d+\)/);

    const door = await startSmall(page, 'transfer/doggy-door.ts');
    await webcamFrame(door);
    await finished(door);
    await expect(out(door).locator('.pg-table')).toContainText('Chihuahua');
    await expect(out(door)).toContainText(/your photo: top class \d+ .*, door (open|closed)/);

    const bo = await startSmall(page, 'transfer/bo-door.ts');
    await finished(bo, { timeout: 300_000 });
    await expect(bo.locator('[data-part="kept"]')).toContainText('for the playgrounds after this one');
    await expect(out(bo)).toContainText('VGG16 ran on 168 photos this run');
    await expect(out(bo)).toContainText('Frozen weights that changed in training: 0 of 14,714,688.');
    await expect(chartsWithPoints(bo)).toHaveCount(2);

    const augment = await startSmall(page, 'transfer/augment.ts');
    await finished(augment, { timeout: 300_000 });
    await expect(out(augment).locator('.pg-image-grid .pg-image')).toHaveCount(9);
    await expect(out(augment)).toContainText(/VGG16 takes \d+\.\d\d s per 32x32 photo on wasm/);
    await expect(chartsWithPoints(augment)).toHaveCount(1);

    const tune = await startSmall(page, 'transfer/fine-tune.ts');
    await finished(tune, { timeout: 300_000 });
    await expect(out(tune).locator('.pg-table')).toContainText('block5');
    await expect(out(tune)).toContainText(/after fine-tuning block5/);

    const classes = await startSmall(page, 'transfer/your-classes.ts');
    for (let shot = 0; shot < 5; shot++) await webcamFrame(classes);
    await finished(classes);
    await expect(out(classes).locator('.pg-image-grid .pg-image')).toHaveCount(4);
    await expect(out(classes).locator('.pg-chart-bar')).toHaveCount(1);
    await expect(out(classes).locator('.pg-table')).toContainText('What the head said');

    expect(errors).toEqual([]);
  });

  test('a second page load takes the VGG16 weights from the browser cache, with no download', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = consoleErrors(page);
    const shards: string[] = [];
    page.context().on('request', (request) => {
      if (/models\/vgg16\/notop\/.*\.bin/.test(request.url())) shards.push(request.url());
    });
    await page.goto('chapters/transfer-learning/');
    const first = await start(page, 'transfer/your-classes.ts', { params: { ...SMALL['transfer/your-classes.ts']!, photosPerClass: 1 } });
    for (let shot = 0; shot < 3; shot++) await webcamFrame(first);
    await finished(first);
    expect(shards).toHaveLength(8); // 29.4 MB in 8 shards of 4 MiB
    const progressLabels = () => out(playgroundOf(page)).locator('.pg-progress').allInnerTexts();
    expect((await progressLabels()).join('\n')).not.toContain("read from this browser's cache");

    await page.reload();
    const again = await start(page, 'transfer/your-classes.ts', { params: { ...SMALL['transfer/your-classes.ts']!, photosPerClass: 1 } });
    for (let shot = 0; shot < 3; shot++) await webcamFrame(again);
    await finished(again);
    expect(shards).toHaveLength(8);
    expect((await progressLabels()).join('\n')).toContain("Stand-in VGG16 weights (without top): read from this browser's cache, no download");
    expect(errors).toEqual([]);
  });
});

const playgroundOf = (page: Page) => page.locator('[data-playground][data-src="transfer/your-classes.ts"]');
