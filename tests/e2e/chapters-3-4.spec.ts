/**
 * Chapters 3 (MNIST) and 4 (convolution) in Chromium against the built site: every
 * playground runs to completion on the WASM backend with small sizes and shows its
 * charts, images and tables, with no console errors; a stroke drawn on the pad gets a
 * prediction whose ten probabilities add up to 1. Full-size outcomes (95% accuracy,
 * overfitting gap) are checked by the Node tests in tests/playgrounds/.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chromiumLaunchOptions, WEBGPU_ARGS } from './fixtures/env.ts';
import { chartsWithPoints, consoleErrors, drawStroke, finished, output, start, type Params } from './fixtures/playgrounds.ts';

/** Small sizes: CI has two cores, and every page trains in one worker, one run at a time. */
const SMALL: Record<string, Params> = {
  'mnist/explore.ts': { show: 16 },
  'mnist/loss.ts': {},
  'mnist/train.ts': { epochs: 1, trainingDigits: 2000 },
  'mnist/activations.ts': { epochs: 1, trainingDigits: 500 },
  'mnist/overfitting.ts': { trainingDigits: 200, epochs: 4 },
  'mnist/predictions.ts': { show: 16 },
  'convolution/image-as-matrix.ts': {},
  'convolution/kernels.ts': {},
  'convolution/worked-example.ts': { trials: 3, randomSize: 10 },
  'convolution/stride-padding.ts': {},
  'convolution/channels.ts': {},
  'convolution/first-layer.ts': { epochs: 1, trainingDigits: 1000 },
};

/** Starts `src` with its small sizes; the params are read when the playground first runs. */
function startSmall(page: Page, src: string, backend = 'wasm', params = SMALL[src] ?? {}): Promise<Locator> {
  return start(page, src, { backend, params });
}

async function run(page: Page, src: string): Promise<Locator> {
  const pg = await startSmall(page, src);
  await finished(pg);
  return pg;
}

const out = output;

test.describe('chapter 3: MNIST', () => {
  test('every playground runs on WASM, in page order, and the drawn digit gets ten probabilities', async ({ page }) => {
    test.setTimeout(420_000);
    const errors = consoleErrors(page);
    await page.goto('chapters/mnist/');

    // Before training, the later playgrounds say which one to run first.
    const early = await startSmall(page, 'mnist/predictions.ts');
    await expect(early).toHaveAttribute('data-state', 'error', { timeout: 100_000 });
    await expect(early.locator('[data-part="status"]')).toContainText('Train the reference model');

    const explore = await run(page, 'mnist/explore.ts');
    await expect(out(explore).locator('.pg-image')).toHaveCount(16);
    await expect(out(explore).locator('.pg-table')).toContainText('validation');

    const loss = await run(page, 'mnist/loss.ts');
    await expect(out(loss).locator('table.pg-table')).toHaveCount(3);
    await expect(out(loss)).toContainText('tf.losses.softmaxCrossEntropy');

    const train = await run(page, 'mnist/train.ts');
    await expect(train.locator('[data-part="kept"]')).toContainText('for the playgrounds after this one');
    await expect(chartsWithPoints(train)).toHaveCount(2);
    await expect(out(train).locator('.pg-progress').last()).toContainText(/epoch 1\/1/);
    await expect(out(train).locator('.pg-table').last()).toContainText('validation');

    const predictions = await run(page, 'mnist/predictions.ts');
    await expect(out(predictions).locator('.pg-image-grid').first().locator('.pg-image')).toHaveCount(16);
    await expect(out(predictions).locator('.pg-image-wrong').first()).toBeVisible();

    const draw = await startSmall(page, 'mnist/draw.ts');
    // A "7": a bar across the top, then down to the bottom left.
    await drawStroke(page, draw, [[0.25, 0.2], [0.75, 0.2], [0.4, 0.85]]);
    await finished(draw);
    await expect(out(draw).locator('.pg-chart-bar')).toHaveCount(1);
    // The two preparation steps, the second being what the model sees.
    await expect(out(draw).locator('.pg-image')).toHaveCount(2);
    await expect(out(draw)).toContainText('2. centred in 28x28');
    await expect(out(draw)).toContainText(/Centre of mass of what the model sees: row 1[34]\.\d, column 1[34]\.\d/);
    const cells = await out(draw).locator('.pg-table tbody td').allInnerTexts();
    const probabilities = cells.map(Number);
    expect(probabilities).toHaveLength(10);
    expect(probabilities.every((p) => p >= 0 && p <= 1)).toBe(true);
    expect(probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 2);
    await expect(out(draw)).toContainText(/It's a \d \(\d+\.\d% sure\)/);

    const activations = await run(page, 'mnist/activations.ts');
    // The curves, their slopes, per batch and per epoch for each of the two runs, and
    // the validation accuracy of both.
    await expect(chartsWithPoints(activations)).toHaveCount(7);
    await expect(out(activations)).toContainText('Mean size of the gradient per layer');

    const overfitting = await run(page, 'mnist/overfitting.ts');
    // Accuracy per batch and per epoch, and the loss per epoch.
    await expect(chartsWithPoints(overfitting)).toHaveCount(3);
    await expect(out(overfitting)).toContainText('Validation loss was lowest after epoch');
    await expect(out(overfitting).locator('.pg-table')).toContainText('gap');

    expect(errors).toEqual([]);
  });

  test('a full storage quota gets a notice; the run succeeds and the later playgrounds still work', async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    const errors = consoleErrors(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: 64 * 1024 });
    await page.goto('chapters/mnist/');
    const train = await run(page, 'mnist/train.ts');
    await expect(out(train).locator('.pg-note-warning')).toContainText(/"mnist-model" could not be stored in this browser \(this site's storage quota is full\)/);
    await expect(train.locator('[data-part="saved"]')).toBeHidden();
    const predictions = await run(page, 'mnist/predictions.ts');
    await expect(out(predictions).locator('.pg-image-grid').first().locator('.pg-image')).toHaveCount(16);
    expect(errors).toEqual([]);
  });

  test('the trained model survives a reload, an older version of it is not used silently, and Forget forgets it', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = consoleErrors(page);
    await page.goto('chapters/mnist/');
    const train = await run(page, 'mnist/train.ts');
    await expect(out(train)).toContainText('Stored “mnist-model” in this browser');
    const saved = train.locator('[data-part="saved"]');
    await expect(saved).toContainText(/Saved in this browser: “mnist-model”, trained .*, 2\.7 MB\./);

    // A reload: a new kernel with nothing kept, and the strip is there before any click.
    await page.reload();
    await expect(saved).toBeVisible();
    await expect(saved).toContainText('Forget all saved models (1, 2.7 MB)');
    const predictions = await run(page, 'mnist/predictions.ts');
    await expect(out(predictions)).toContainText(/Loaded “mnist-model”, the model you trained on .* \(stored in this browser by mnist\/train\.ts\)/);
    await expect(out(predictions).locator('.pg-image-grid').first().locator('.pg-image')).toHaveCount(16);

    // A new release of the training playground: the reader is asked before the old model is used.
    await page.reload();
    await train.evaluate((root) => void (root.dataset.hash = '0000000000000000'));
    const asked = await startSmall(page, 'mnist/predictions.ts');
    await expect(out(asked)).toContainText('by an older version of the playground "Train the reference model"');
    await asked.getByRole('button', { name: 'Use the stored model' }).click();
    await finished(asked);

    await page.reload();
    await saved.getByRole('button', { name: 'Forget this model' }).click();
    await expect(saved).toContainText('Forgotten');
    await page.reload();
    await expect(saved).toBeHidden();
    const gone = await startSmall(page, 'mnist/predictions.ts');
    await expect(gone).toHaveAttribute('data-state', 'error', { timeout: 100_000 });
    await expect(gone.locator('[data-part="status"]')).toContainText('Train the reference model');
    expect(errors).toEqual([]);
  });
});

test.describe('chapter 4: image kernels and convolution', () => {
  test('every playground runs on WASM and shows its images and tables', async ({ page }) => {
    test.setTimeout(300_000);
    const errors = consoleErrors(page);
    await page.goto('chapters/convolution/');

    const matrix = await run(page, 'convolution/image-as-matrix.ts');
    // The digit, and the brightest value of each pixel over all 2,000 validation digits.
    await expect(out(matrix).locator('.pg-image canvas')).toHaveCount(2);
    await expect(out(matrix)).toContainText('164 of the 784 pixels are 0 in all 2,000 validation digits');
    await expect(out(matrix).locator('.pg-table tbody tr')).toHaveCount(28);

    const kernels = await run(page, 'convolution/kernels.ts');
    await expect(out(kernels).locator('.pg-image')).toHaveCount(7);
    await expect(out(kernels)).toContainText('your kernel');

    const worked = await run(page, 'convolution/worked-example.ts');
    // The 4x4 by tf.conv2d: its first row is the documented -5 -4 0 8.
    const tfTable = out(worked).locator('table.pg-table').nth(3);
    await expect(tfTable.locator('tbody tr')).toHaveCount(4);
    expect((await tfTable.locator('tbody tr').first().locator('td').allInnerTexts()).map(Number)).toEqual([-5, -4, 0, 8]);
    await expect(out(worked)).toContainText('They agree: exactly on the example');

    const strides = await run(page, 'convolution/stride-padding.ts');
    await expect(out(strides)).toContainText('Stride 2, padding 1: 3x3, the formula says 3');
    await expect(out(strides)).toContainText('n=6, k=3, s=2, p=0: how many kernel positions look at each pixel');

    const channels = await run(page, 'convolution/channels.ts');
    await expect(out(channels)).toContainText('The same numbers');
    await expect(out(channels)).toContainText('36928');

    const cnn = await run(page, 'convolution/first-layer.ts');
    // Per batch and per epoch, for the linear baseline and for the CNN.
    await expect(chartsWithPoints(cnn)).toHaveCount(4);
    await expect(out(cnn)).toContainText('Weights per layer: linear 7,850, CNN 5,258');
    // Eight filters, the input digit and eight feature maps.
    await expect(out(cnn).locator('.pg-image')).toHaveCount(17);

    expect(errors).toEqual([]);
  });
});

test.describe('chapter 3 on WebGPU', () => {
  test('the MNIST training playground runs on WebGPU (SwiftShader) and its model learns', async ({ playwright, baseURL }) => {
    test.setTimeout(420_000);
    // WebGPU needs its own launch flags, so this test starts its own browser. It runs on
    // the CPU through SwiftShader (DESIGN.md): slow, so a few hundred digits.
    const browser = await playwright.chromium.launch(chromiumLaunchOptions(WEBGPU_ARGS));
    try {
      const page = await browser.newPage({ baseURL: baseURL! });
      const errors = consoleErrors(page);
      await page.goto('chapters/mnist/');
      const train = await startSmall(page, 'mnist/train.ts', 'webgpu', { epochs: 1, trainingDigits: 320 });
      await finished(train, { backend: 'webgpu', timeout: 360_000 });
      await expect(chartsWithPoints(train)).toHaveCount(2);
      const validation = await out(train).locator('table.pg-table').last().locator('tr', { hasText: 'validation' }).locator('td').allInnerTexts();
      // 320 digits, one epoch (10 steps): above the 10% of guessing, far from the full run's 95%.
      expect(Number(validation.at(-1))).toBeGreaterThan(0.3);
      await expect(out(train)).toContainText('samples/s on webgpu');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
