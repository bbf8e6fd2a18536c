/**
 * Live playgrounds on the lab page (src/pages/lab/), in Chromium against the built site:
 * lazy loading, running, editing, errors, stopping, live outputs, persistence, sharing,
 * and equal results on WebGPU (SwiftShader) and WASM.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { chromiumLaunchOptions, WEBGPU_ARGS } from './fixtures/env.ts';
import { drawStroke, playground } from './fixtures/playgrounds.ts';
import { shareUrl } from '../../src/playground/share.ts';

const LAB = 'lab/';
/** Files that must not load before the reader interacts: Monaco, TF.js, the kernel, charts. */
const HEAVY = /monaco|editor\.|ts\.worker|tsMode|typescript\.|tfjs|[/_]worker-|transformers|ort-wasm|uPlot|playground-types/i;

async function run(pg: Locator): Promise<void> {
  await pg.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(pg).toHaveAttribute('data-state', /^(done|error|syntax-error|stopped|crashed)$/, { timeout: 90_000 });
}

async function openEditor(pg: Locator): Promise<void> {
  await pg.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(pg.locator('.monaco-editor')).toBeVisible();
  await pg.locator('.monaco-editor .view-lines').click();
}

/** Replaces the editor's code; insertText avoids Monaco's auto-closing of brackets and quotes. */
async function replaceCode(page: Page, pg: Locator, code: string): Promise<void> {
  await openEditor(pg);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
}

test.describe('playgrounds', () => {
  test('load no Monaco, TF.js or kernel before the first interaction, and show highlighted code', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await expect(pg).toHaveAttribute('data-island', 'ready');
    await expect(pg.locator('pre.shiki')).toContainText("import * as tf from '@tensorflow/tfjs'");
    await expect(pg.getByRole('combobox', { name: 'Backend' })).toHaveValue('auto');
    await page.waitForLoadState('networkidle');
    expect(requests.filter((u) => HEAVY.test(u))).toEqual([]);
    // The toolbar is plain keyboard-reachable buttons.
    for (const name of ['Run', 'Edit', 'Share']) await expect(pg.getByRole('button', { name, exact: true })).toBeEnabled();
  });

  test('Run works without opening the editor, and the editor stays unloaded', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await run(pg);
    await expect(pg).toHaveAttribute('data-state', 'done');
    await expect(pg.locator('[data-part="output"]')).toContainText('sum = 10');
    await expect(pg.locator('[data-part="status"]')).toContainText(/Done in .* on (WebGPU|WebGL|WASM|CPU)/);
    expect(pg.locator('[data-part="output"]')).toHaveAttribute('aria-live', 'polite');
    await expect(pg.locator('.monaco-editor')).toHaveCount(0);
    expect(requests.filter((u) => /editor\.|ts\.worker|playground-types/.test(u))).toEqual([]);
  });

  test('Ctrl+Enter runs when the focus is anywhere in the playground, without the editor', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await pg.getByRole('button', { name: 'Share' }).focus();
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(pg).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(pg.locator('[data-part="output"]')).toContainText('sum = 10');
    await expect(pg.locator('.monaco-editor')).toHaveCount(0);
  });

  test('Edit, type and Ctrl+Enter runs the edited code', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await replaceCode(page, pg, "import * as tf from '@tensorflow/tfjs';\nconsole.log(`edited ${tf.tensor1d([6]).mul(7).dataSync()[0]}`);\n");
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(pg).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
    await expect(pg.locator('[data-part="output"]')).toContainText('edited 42');
    await expect(pg.locator('[data-part="badge"]')).toHaveText('edited');
  });

  test('a type error gets Monaco’s error marker, with the library types loaded', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await replaceCode(page, pg, "import * as tf from '@tensorflow/tfjs';\nconst size: string = tf.tensor1d([1]).size;\n");
    // Exactly one error: the import resolves (tfjs's declarations are loaded), the assignment doesn't type-check.
    const marker = pg.locator('.squiggly-error');
    await expect(marker).toHaveCount(1, { timeout: 90_000 });
    await page.keyboard.press('F8'); // Monaco: go to the next problem, which shows its message
    await expect(pg.locator('.marker-widget')).toContainText("Type 'number' is not assignable to type 'string'");
  });

  test('Transformers.js declarations are added when the code imports it', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await replaceCode(page, pg, "import { pipeline } from '@huggingface/transformers';\nconst task: number = pipeline;\n");
    await expect(pg.locator('.squiggly-error')).toHaveCount(1, { timeout: 120_000 });
    await page.keyboard.press('F8');
    await expect(pg.locator('.marker-widget')).toContainText("is not assignable to type 'number'");
    await expect(pg.locator('.marker-widget')).not.toContainText('Cannot find module');
  });

  test('a syntax error reports line and column, marks the line and runs nothing', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await replaceCode(page, pg, "console.log('should not print');\nconst x = ;\n");
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(pg).toHaveAttribute('data-state', 'syntax-error', { timeout: 90_000 });
    await expect(pg.locator('[data-part="error"]')).toHaveText(/^Line 2, column \d+: /);
    await expect(pg.locator('[data-part="output"]')).toBeEmpty();
    await expect(pg.locator('.view-overlays .squiggly-error, .squiggly-error').first()).toBeVisible();
  });

  test('a runtime error shows its message and a stack mapped to the reader’s lines', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await replaceCode(page, pg, "console.log('first');\nfunction explode(): never {\n  throw new Error('boom');\n}\nexplode();\n");
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(pg).toHaveAttribute('data-state', 'error', { timeout: 90_000 });
    await expect(pg.locator('[data-part="output"]')).toContainText('first');
    await expect(pg.locator('[data-part="error"]')).toContainText('boom');
    await expect(pg.locator('.pg-stack')).toContainText('lab/hello.ts:3');
  });

  test('Stop ends while (true) {} and the next run works on a fresh kernel', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await replaceCode(page, pg, "console.log('spinning');\nwhile (true) {}\n");
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(pg.locator('[data-part="output"]')).toContainText('spinning', { timeout: 90_000 });
    await expect(pg).toHaveAttribute('data-state', 'running');
    await pg.getByRole('button', { name: 'Stop' }).click();
    await expect(pg).toHaveAttribute('data-state', 'stopped');
    await expect(pg.getByRole('button', { name: 'Run', exact: true })).toBeVisible();

    const other = playground(page, 'lab/same-result.ts');
    await run(other);
    await expect(other).toHaveAttribute('data-state', 'done');
    await expect(other.locator('[data-part="output"]')).toContainText(/result -?\d+\.\d+/);
  });

  test('a live chart receives points while training runs, and the progress bar moves', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/live-training.ts');
    // Long enough to be watched on a fast machine (on WASM 120 epochs take about a second).
    await expect(pg).toHaveAttribute('data-island', 'ready');
    await pg.evaluate((root) => void (root.dataset.params = JSON.stringify({ epochs: 600 })));
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    const chart = pg.locator('[data-chart-kind="line"]').first();
    await expect(chart.locator('canvas')).toBeVisible({ timeout: 90_000 });
    // Sample while it trains: points and progress must grow during the run, not only at the end.
    const samples: { state: string | null; points: number; progress: number; time: string }[] = [];
    while ((await pg.getAttribute('data-state')) === 'running') {
      samples.push({
        state: await pg.getAttribute('data-state'),
        points: Number(await chart.getAttribute('data-points')),
        progress: await pg.locator('progress').first().evaluate((p: HTMLProgressElement) => p.value),
        time: await pg.locator('[data-part="time-left"]').first().innerText(),
      });
      await page.waitForTimeout(100);
    }
    await expect(pg).toHaveAttribute('data-state', 'done');
    const during = samples.filter((s) => s.state === 'running');
    expect(new Set(during.map((s) => s.points)).size).toBeGreaterThan(2);
    expect(new Set(during.map((s) => s.progress)).size).toBeGreaterThan(2);
    const finalProgress = await pg.locator('progress').first().evaluate((p: HTMLProgressElement) => [p.value, p.max]);
    expect(finalProgress[0]).toBe(finalProgress[1]);
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(Math.max(...during.map((s) => s.points)));
    await expect(pg.locator('.pg-progress')).toContainText('(100%)');
    await expect(pg.locator('[data-part="leak"]')).toHaveCount(0);
    // After its first second a bar says how long it has run and about how long is left.
    const timed = during.filter((s) => s.time !== '');
    for (const s of timed) expect(s.time).toMatch(/^\d+:\d\d (elapsed, about \d+:\d\d left|in all)$/);
    if (timed.length > 0) {
      expect(timed.some((s) => s.time.includes('left') && s.progress < finalProgress[1]!)).toBe(true);
      await expect(pg.locator('[data-part="time-left"]').first()).toHaveText(/^\d+:\d\d in all$/);
    }
  });

  test('a chart that compares runs keeps the last run\'s curve, labelled by the param that changed, until cleared', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/compare-runs.ts');
    const chart = pg.locator('.pg-chart').first();
    await run(pg);
    await expect(chart).toHaveAttribute('data-points', '11');
    await expect(chart).toHaveAttribute('data-earlier', '0');
    await pg.getByRole('slider', { name: 'slope' }).fill('3');
    await run(pg);
    await expect(chart).toHaveAttribute('data-earlier', '1');
    await expect(chart).toHaveAttribute('data-points', '11');
    await expect(chart.locator('.u-legend')).toContainText('y (slope 1)');
    await expect(chart.locator('.pg-sr-only')).toContainText('Earlier runs, faded: slope 1.');
    await run(pg);
    await expect(chart).toHaveAttribute('data-earlier', '2');
    await expect(chart.locator('.u-legend')).toContainText('y (run 2)');
    await chart.getByRole('button', { name: 'Clear earlier runs (2)' }).click();
    await expect(chart).toHaveAttribute('data-earlier', '0');
    await expect(chart.locator('.u-legend')).not.toContainText('slope 1');
    await run(pg);
    await expect(pg.locator('.pg-chart').first()).toHaveAttribute('data-earlier', '1');
  });

  test('an image grid renders labelled images with the mistake highlighted', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/image-grid.ts');
    await run(pg);
    const images = pg.locator('.pg-image');
    await expect(images).toHaveCount(4);
    await expect(images.locator('figcaption')).toHaveText(['left→right', 'top→bottom', 'right→left', /grey \(wrong\)/]);
    await expect(pg.locator('.pg-image-wrong')).toHaveCount(1);
    // The first image is a left-to-right ramp: dark on the left, bright on the right.
    const [left, right] = await images.first().locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, 1).data;
      return [d[0]!, d[(c.width - 1) * 4]!];
    });
    expect(left).toBeLessThan(30);
    expect(right).toBeGreaterThan(225);
  });

  test('bar and scatter charts, tables and notices render', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/charts-and-tables.ts');
    await run(pg);
    await expect(pg).toHaveAttribute('data-state', 'done');
    const bar = pg.locator('[data-chart-kind="bar"]');
    await expect(bar.locator('canvas')).toBeVisible();
    await expect(bar).toHaveAttribute('data-points', '3');
    await expect(bar.locator('.pg-sr-only')).toHaveText('cat 0.2, dog 0.7, bird 0.1');
    const scatter = pg.locator('[data-chart-kind="scatter"]');
    await expect(scatter).toHaveAttribute('data-points', '200');
    await expect(scatter.locator('.u-legend')).toContainText('outside');
    const table = pg.getByRole('table', { name: 'Layers' });
    await expect(table.locator('tbody tr')).toHaveCount(2);
    await expect(table.locator('tbody tr').first()).toContainText('100480');
    await expect(pg.getByRole('note')).toContainText('Charts, tables and notices all come from course.');
  });

  test('a run that leaves tensors allocated gets a warning', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/leak.ts');
    await run(pg);
    await expect(pg.locator('[data-part="leak"]')).toContainText('left 1 tensor allocated');
  });

  test('the draw pad returns the drawing as pixels', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/draw.ts');
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    await drawStroke(page, pg, [[0.3, 0.2], [0.5, 0.8], [0.7, 0.2]], { timeout: 90_000 });
    await expect(pg).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const text = await pg.locator('[data-part="output"]').innerText();
    const ink = Number(/28x28 pixels, (\d+) with ink/.exec(text)?.[1]);
    expect(ink).toBeGreaterThan(20);
    expect(ink).toBeLessThan(28 * 28 / 2);
  });

  test('the photo picker sends a chosen file to the run', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/photo.ts');
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(pg.getByRole('button', { name: 'Choose a photo' })).toBeVisible({ timeout: 90_000 });
    const png = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 7;
      canvas.height = 5;
      canvas.getContext('2d')!.fillRect(0, 0, 3, 3);
      return canvas.toDataURL('image/png').split(',')[1]!;
    });
    await pg.locator('input[type="file"]').setInputFiles({ name: 'tiny.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await expect(pg).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(pg.locator('[data-part="output"]')).toContainText('photo 7x5');
  });

  for (const theme of ['light', 'dark']) {
    test(`axe finds no accessibility problems in playgrounds with outputs (${theme} theme)`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('dlb-theme', t), theme);
      await page.goto(LAB);
      await run(playground(page, 'lab/image-grid.ts'));
      await run(playground(page, 'lab/leak.ts'));
      const { violations } = await new AxeBuilder({ page }).include('[data-playground]').analyze();
      expect(violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }

  test('an edit survives a reload; Reset restores the original and can be undone', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await openEditor(pg);
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.insertText('// my note\n');
    await expect(pg.locator('[data-part="badge"]')).toHaveText('edited');
    await page.waitForTimeout(600); // saving is debounced
    await page.reload();
    await expect(pg.locator('[data-part="badge"]')).toHaveText('edited');
    await expect(pg.locator('.pg-plain')).toContainText('// my note');
    await expect(pg.locator('pre.shiki')).toBeHidden();

    await pg.getByRole('button', { name: 'Reset' }).click();
    await expect(pg.locator('[data-part="badge"]')).toBeHidden();
    await expect(pg.locator('pre.shiki')).toBeVisible();
    await pg.getByRole('button', { name: 'Undo reset' }).click();
    await expect(pg.locator('.pg-plain')).toContainText('// my note');
    await pg.getByRole('button', { name: 'Reset' }).click();
    await page.reload();
    await expect(pg.locator('[data-part="badge"]')).toBeHidden();
    await expect(pg.locator('pre.shiki')).toBeVisible();
  });

  test('keystrokes typed just before a reload are kept (no wait for the save delay)', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await openEditor(pg);
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.insertText('// typed and reloaded at once\n');
    await page.reload();
    await expect(pg.locator('[data-part="badge"]')).toHaveText('edited');
    await expect(pg.locator('.pg-plain')).toContainText('// typed and reloaded at once');
  });

  test('two tabs editing one playground: the last save wins and the other tab is told', async ({ page, context }) => {
    const stored = (p: Page) => p.evaluate(() => JSON.parse(localStorage.getItem('dlb-playground:lab/hello.ts') ?? 'null')?.code ?? null);
    await page.goto(LAB);
    const a = playground(page, 'lab/hello.ts');
    await replaceCode(page, a, '// from tab A\n');
    await expect.poll(() => stored(page)).toBe('// from tab A\n');

    const other = await context.newPage();
    await other.goto(LAB);
    const b = playground(other, 'lab/hello.ts');
    await expect(b.locator('.pg-plain')).toHaveText('// from tab A');
    await replaceCode(other, b, '// from tab B\n');
    await expect.poll(() => stored(other)).toBe('// from tab B\n');

    await expect(a.locator('[data-part="notice"]')).toContainText('edited in another tab');
    await a.getByRole('button', { name: 'Keep this tab’s version' }).click();
    expect(await stored(page)).toBe('// from tab A\n');
    await expect(b.locator('[data-part="notice"]')).toContainText('edited in another tab');
    await b.getByRole('button', { name: 'Use the other tab’s edit' }).click();
    await expect(b.locator('.monaco-editor .view-lines')).toContainText('// from tab A');
    await other.reload();
    await expect(b.locator('.pg-plain')).toHaveText('// from tab A');

    // A reset in one tab is news in the other.
    await a.getByRole('button', { name: 'Reset' }).click();
    await expect(b.locator('[data-part="notice"]')).toContainText('reset to the original in another tab');
    await b.getByRole('button', { name: 'Use the original' }).click();
    await expect(b.locator('pre.shiki')).toBeVisible();
    expect(await stored(other)).toBeNull();
  });

  test('a share link opened while an edit is stored loses neither', async ({ page }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/hello.ts');
    await replaceCode(page, pg, '// my own edit\n');
    await page.waitForTimeout(600); // saving is debounced
    await page.goto(shareUrl(page.url(), { id: 'lab/hello.ts', code: '// shared with me\n' }));
    await page.reload(); // a fragment-only navigation does not load the page again
    await expect(pg.locator('[data-part="badge"]')).toHaveText('shared');
    await expect(pg.locator('[data-part="notice"]')).toContainText('Your own edit of this playground stays saved');

    // Editing the shared code saves it, and sets the own edit aside instead of overwriting it.
    await openEditor(pg);
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('// and changed\n');
    await expect(pg.locator('[data-part="notice"]')).toContainText('Your earlier edit of this playground was set aside');
    await pg.getByRole('button', { name: 'Bring back my earlier edit' }).click();
    await expect(pg.locator('.monaco-editor .view-lines')).toContainText('// my own edit');
    await page.goto(page.url().replace(/#.*/, ''));
    await page.reload();
    await expect(pg.locator('.pg-plain')).toHaveText('// my own edit');
    await pg.getByRole('button', { name: 'Reset' }).click(); // the set-aside shared edit is still there
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('dlb-playground-replaced:lab/hello.ts') ?? 'null')?.code)).toContain('// and changed');
  });

  for (const [width, label] of [[1200, 'desktop'], [390, 'phone']] as const) {
    test(`parameter controls (${label}): change, run, reload, share, reset`, async ({ page, context }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(LAB);
      const pg = playground(page, 'lab/params.ts');
      const epochs = pg.getByRole('slider', { name: 'epochs' });
      // The chapter's own value (params={{ epochs: 3 }}) over the code's default 5, before any script ran.
      await expect(epochs).toHaveValue('3');
      await expect(pg.getByRole('combobox', { name: 'activation' })).toHaveValue('relu');
      const box = await pg.locator('[data-part="params"]').boundingBox();
      expect(box!.width).toBeLessThanOrEqual(width);

      await epochs.fill('20');
      await pg.getByRole('combobox', { name: 'activation' }).selectOption('tanh');
      await pg.getByRole('checkbox', { name: 'shuffle' }).uncheck();
      await expect(pg.locator('[data-param="epochs"] [data-part="changed"]')).toBeVisible();
      await expect(pg.locator('[data-param="batchSize"] [data-part="changed"]')).toBeHidden();
      await run(pg);
      await expect(pg.locator('[data-part="output"]')).toContainText('epochs=20 learningRate=0.01 activation=tanh shuffle=false batchSize=32');

      // A number that is not one stops the run before it starts, naming the parameter.
      await pg.getByRole('spinbutton', { name: 'batchSize' }).fill('');
      await pg.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(pg.locator('[data-part="status"]')).toContainText('Parameter "batchSize"');
      await pg.getByRole('spinbutton', { name: 'batchSize' }).fill('64');

      await page.reload();
      await expect(epochs).toHaveValue('20');
      await expect(pg.locator('[data-param="epochs"] [data-part="changed"]')).toBeVisible();
      await expect(pg.getByRole('spinbutton', { name: 'batchSize' })).toHaveValue('64');

      await pg.getByRole('button', { name: 'Share' }).click();
      const link = await pg.locator('input.pg-share-url').inputValue();
      const reader = await context.newPage();
      await reader.setViewportSize({ width, height: 900 });
      await reader.goto(LAB);
      await reader.evaluate(() => localStorage.clear());
      await reader.goto(link);
      await reader.reload();
      const shared = playground(reader, 'lab/params.ts');
      await expect(shared.locator('[data-part="notice"]')).toContainText('It sets epochs 20, activation tanh, shuffle false, batchSize 64');
      await expect(shared.getByRole('slider', { name: 'epochs' })).toHaveValue('20');
      await run(shared);
      await expect(shared.locator('[data-part="output"]')).toContainText('epochs=20 learningRate=0.01 activation=tanh shuffle=false batchSize=64');
      await reader.close();

      await pg.getByRole('button', { name: 'Reset' }).click();
      await expect(epochs).toHaveValue('3');
      await expect(pg.locator('[data-part="changed"]:visible')).toHaveCount(0);
      await pg.getByRole('button', { name: 'Undo reset' }).click();
      await expect(epochs).toHaveValue('20');
      await pg.getByRole('button', { name: 'Reset' }).click();
      await page.reload();
      await expect(epochs).toHaveValue('3');
      await run(pg);
      await expect(pg.locator('[data-part="output"]')).toContainText('epochs=3 learningRate=0.01 activation=relu shuffle=true batchSize=32');
    });
  }

  test('an edit of an older version of the code is not applied silently', async ({ page }) => {
    await page.goto(LAB);
    await page.evaluate(() =>
      localStorage.setItem('dlb-playground:lab/hello.ts', JSON.stringify({ code: '// old edit', baseHash: '0000000000000000', savedAt: 1 })),
    );
    await page.reload();
    const pg = playground(page, 'lab/hello.ts');
    await expect(pg.locator('[data-part="notice"]')).toContainText('updated since you edited it');
    await expect(pg.locator('pre.shiki')).toBeVisible();
    await pg.getByRole('button', { name: 'Keep my edit' }).click();
    await expect(pg.locator('.pg-plain')).toHaveText('// old edit');
    await page.reload();
    await expect(pg.locator('[data-part="badge"]')).toHaveText('edited');
    await expect(pg.locator('[data-part="notice"]')).toBeHidden();
  });

  test('a share link opens the shared code, marked shared, and does not run it', async ({ page, context }) => {
    await page.goto(LAB);
    const pg = playground(page, 'lab/same-result.ts');
    await replaceCode(page, pg, "console.log('shared ✓ Grüße');\n");
    await pg.getByRole('button', { name: 'Share' }).click();
    const link = await pg.locator('input.pg-share-url').inputValue();
    expect(link).toContain('#share=lab%2Fsame-result.ts:');

    const reader = await context.newPage();
    const requests: string[] = [];
    reader.on('request', (r) => requests.push(r.url()));
    await reader.evaluate(() => localStorage.clear()).catch(() => undefined);
    await reader.goto(link);
    const shared = playground(reader, 'lab/same-result.ts');
    await expect(shared.locator('[data-part="badge"]')).toHaveText('shared');
    await expect(shared.locator('.pg-plain')).toHaveText("console.log('shared ✓ Grüße');");
    await expect(shared.locator('[data-part="notice"]')).toContainText('It has not been run');
    await reader.waitForTimeout(1000);
    await expect(shared).toHaveAttribute('data-state', 'idle');
    await expect(shared.locator('[data-part="output"]')).toBeEmpty();
    expect(requests.filter((u) => HEAVY.test(u))).toEqual([]);
    // Running it is the reader's choice.
    await run(shared);
    await expect(shared.locator('[data-part="output"]')).toContainText('shared ✓ Grüße');
  });
});

test.describe('backends', () => {
  test('the same snippet gives equal results on WebGPU (SwiftShader) and WASM', async ({ playwright, baseURL }) => {
    test.setTimeout(240_000);
    // WebGPU needs its own launch flags, so this test starts its own browser.
    const browser = await playwright.chromium.launch(chromiumLaunchOptions(WEBGPU_ARGS));
    const page = await browser.newPage({ baseURL: baseURL! });
    await page.goto(LAB);
    const pg = playground(page, 'lab/same-result.ts');
    const select = pg.getByRole('combobox', { name: 'Backend' });
    const results: Record<string, number> = {};
    for (const backend of ['webgpu', 'wasm']) {
      await select.selectOption(backend);
      await run(pg);
      await expect(pg).toHaveAttribute('data-state', 'done');
      await expect(pg).toHaveAttribute('data-backend', backend);
      const text = await pg.locator('[data-part="output"]').innerText();
      const match = /backend (\w+) result (-?\d+\.\d+)/.exec(text);
      expect(match?.[1]).toBe(backend);
      results[backend] = Number(match?.[2]);
    }
    await browser.close();
    expect(results.webgpu).toBeGreaterThan(0);
    expect(Math.abs(results.webgpu! - results.wasm!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(results.wasm!)));
  });

  test('a webcam photo reaches the run (Chromium fake camera)', async ({ playwright, baseURL }) => {
    const browser = await playwright.chromium.launch(
      chromiumLaunchOptions(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']),
    );
    const page = await browser.newPage({ baseURL: baseURL! });
    await page.goto(LAB);
    const pg = playground(page, 'lab/photo.ts');
    await pg.getByRole('button', { name: 'Run', exact: true }).click();
    await pg.getByRole('button', { name: 'Use the webcam' }).click({ timeout: 90_000 });
    await pg.getByRole('button', { name: 'Take photo' }).click();
    await expect(pg).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(pg.locator('[data-part="output"]')).toContainText(/photo \d+x\d+/);
    await browser.close();
  });
});
