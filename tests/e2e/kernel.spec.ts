/**
 * The kernel worker under load and faults, on the kernel lab page (src/pages/lab/kernel.astro),
 * in Chromium against the built site: a hundred runs in a row, running out of memory, a
 * forgotten interval and a runaway loop, training in a hidden tab, broken data files.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { bareChromium } from './fixtures/bare-chromium.ts';
import { E2E_DIST } from './fixtures/env.ts';
import { pageHeap, workerHeap, type PageHeap } from './fixtures/heap.ts';
import { finished, output, playground, start } from './fixtures/playgrounds.ts';

const LAB = 'lab/kernel/';

const errorLine = (pg: Locator) => pg.locator('[data-part="error"]');
const logLines = (pg: Locator) => output(pg).locator('.pg-log-line');

/** The kernel worker's script (Monaco's workers are editor.worker and ts.worker). */
const KERNEL_SCRIPT = /\/_astro\/worker-[\w-]+\.js/;

/** Counts the kernel workers the page starts. */
function countKernels(page: Page): () => number {
  let kernels = 0;
  page.on('worker', (worker) => {
    if (KERNEL_SCRIPT.test(worker.url())) kernels++;
  });
  return () => kernels;
}

/** Within `share` of `reference` (both may be 0: nothing leaked at all). */
function within(value: number, reference: number, share: number): boolean {
  return Math.abs(value - reference) <= share * reference;
}

test.describe('the kernel under load and faults', () => {
  test('a hundred runs of a small training in a row: tensor bytes and heaps stay flat', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(LAB);
    const cdp = await page.context().newCDPSession(page);
    const pg = playground(page, 'lab/kernel-soak.ts');
    type Figures = { numBytes: number; worker: number; page: PageHeap };
    const at: Record<number, Figures> = {};
    let worker: (() => Promise<number>) | undefined;
    for (let run = 1; run <= 100; run++) {
      await start(page, 'lab/kernel-soak.ts');
      await finished(pg);
      const printed = /numBytes (\d+) numTensors (\d+)/.exec(await output(pg).innerText());
      expect(printed, `run ${run} printed what TF.js holds`).not.toBeNull();
      worker ??= await workerHeap(cdp, KERNEL_SCRIPT);
      if (run === 10 || run === 100) at[run] = { numBytes: Number(printed![1]), worker: await worker(), page: await pageHeap(cdp) };
    }
    const [r10, r100] = [at[10]!, at[100]!];
    const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MB`;
    console.log(`soak: worker tf.memory().numBytes after run 10: ${r10.numBytes}, after run 100: ${r100.numBytes}`);
    console.log(`soak: worker JS heap after GC, run 10: ${mb(r10.worker)}, run 100: ${mb(r100.worker)}`);
    console.log(`soak: page JS heap after GC, run 10: ${mb(r10.page.used)}, run 100: ${mb(r100.page.used)} (live objects without compiled code: ${mb(r10.page.objects)}, ${mb(r100.page.objects)})`);
    expect(within(r100.numBytes, r10.numBytes, 0.1), 'worker numBytes within 10%').toBe(true);
    expect(within(r100.worker, r10.worker, 0.1), 'worker heap within 10%').toBe(true);
    expect(within(r100.page.objects, r10.page.objects, 0.1), 'page objects within 10%').toBe(true);
  });

  test('running out of memory on CPU is said in words, restarts the kernel and keeps the reader\'s edit', async ({ page }) => {
    await page.goto(LAB);
    const kernels = countKernels(page);
    const pg = playground(page, 'lab/kernel-oom.ts');
    await pg.getByRole('button', { name: 'Edit' }).click();
    await expect(pg.locator('.monaco-editor')).toBeVisible();
    await pg.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText('\n// my-edit-survives');
    await expect(pg.locator('[data-part="badge"]')).toHaveText('edited');

    // CPU tensors are typed arrays: tf.zeros' pages are never written, so the worker
    // reaches V8's allocation limit without the machine's memory filling up.
    await start(page, 'lab/kernel-oom.ts', { backend: 'cpu', params: { megabytes: 1024 } });
    await expect(pg).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(errorLine(pg)).toHaveText(
      /^Line 9, column \d+: The kernel ran out of memory and has been restarted.*\(RangeError: Array buffer allocation failed\)$/,
    );
    console.log(`out of memory on CPU: ${await errorLine(pg).innerText()}`);
    await expect(pg.locator('.monaco-editor .view-lines')).toContainText('// my-edit-survives');
    await expect(pg.locator('[data-part="badge"]')).toHaveText('edited');

    const hello = await start(page, 'lab/hello.ts', { backend: 'cpu' });
    await finished(hello, { backend: 'cpu' });
    await expect(output(hello)).toHaveText('sum = 10');
    expect(kernels()).toBe(2);
  });

  test('a full WASM heap is an out-of-memory error, not a corrupted kernel, and the next WASM run works', async ({ page }) => {
    await page.goto(LAB);
    // WASM memory stops at 4 GB: the run fills it (about 5 GB for the whole browser).
    const pg = await start(page, 'lab/kernel-oom.ts', { backend: 'wasm', params: { megabytes: 256 } });
    await expect(pg).toHaveAttribute('data-state', 'error', { timeout: 90_000 });
    await expect(errorLine(pg)).toHaveText(/The kernel ran out of memory and has been restarted.*\(RangeError: WebAssembly memory is full: no room for 256 MB more/);
    console.log(`out of memory on WASM: ${await errorLine(pg).innerText()}`);
    const hello = await start(page, 'lab/hello.ts');
    await finished(hello);
    await expect(output(hello)).toHaveText('sum = 10');
  });

  test('Stop ends an interval left running and a runaway loop; no output of an old run shows under a newer one', async ({ page }) => {
    await page.goto(LAB);
    const interval = await start(page, 'lab/kernel-interval.ts');
    await expect(output(interval)).toContainText('tick 3');
    await expect(output(interval)).toContainText('The code has finished, but 1 interval it started is still running');
    await expect(interval).toHaveAttribute('data-state', 'running');

    // The interval's run holds the kernel, as any run does: the next one waits for it.
    const runaway = await start(page, 'lab/kernel-runaway.ts');
    await expect(runaway.locator('[data-part="status"]')).toContainText('Waiting for another playground');
    await interval.getByRole('button', { name: 'Stop' }).click();
    await expect(interval).toHaveAttribute('data-state', 'stopped');
    const ticks = await logLines(interval).count();

    await expect(output(runaway)).toContainText('frame 60');
    await runaway.getByRole('button', { name: 'Stop' }).click();
    await expect(runaway).toHaveAttribute('data-state', 'stopped');
    const frames = await logLines(runaway).count();

    const hello = await start(page, 'lab/hello.ts');
    await finished(hello);
    await expect(output(hello)).toHaveText('sum = 10');
    expect(await logLines(interval).count()).toBe(ticks);
    expect(await logLines(runaway).count()).toBe(frames);
  });

  test('training started in a tab that is then hidden keeps going', async ({ baseURL }) => {
    test.setTimeout(90_000);
    const chrome = await bareChromium();
    try {
      const page = chrome.context.pages()[0] ?? (await chrome.context.newPage());
      await page.goto(new URL(LAB, baseURL).href);
      const pg = await start(page, 'lab/kernel-background.ts', { params: { seconds: 10 } });
      await expect(output(pg)).toContainText(/batches \d+ at \d+/, { timeout: 30_000 });
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const shown = Date.now();
      await pause(3000);
      const other = await chrome.context.newPage();
      await other.bringToFront();
      expect(await page.evaluate(() => document.visibilityState)).toBe('hidden');
      const hidden = Date.now();
      await pause(3000);
      await page.bringToFront();
      expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
      const back = Date.now();
      await finished(pg, { timeout: 60_000 });

      // The worker logs its batch count with the time: the page may draw nothing while hidden.
      const counts = [...(await output(pg).innerText()).matchAll(/batches (\d+) at (\d+)/g)].map((m) => ({ batches: Number(m[1]), at: Number(m[2]) }));
      const batchesBy = (time: number) => counts.filter((c) => c.at <= time).at(-1)?.batches ?? 0;
      const rate = (from: number, to: number) => ((batchesBy(to) - batchesBy(from)) * 1000) / (to - from);
      const visibleRate = rate(shown, hidden);
      const hiddenRate = rate(hidden, back);
      console.log(`background tab: ${visibleRate.toFixed(0)} batches/s visible, ${hiddenRate.toFixed(0)} batches/s hidden`);
      expect(visibleRate).toBeGreaterThan(0);
      expect(hiddenRate).toBeGreaterThan(0.5 * visibleRate);
    } finally {
      await chrome.close();
    }
  });

  test('a truncated MNIST pack, a web page for a model.json, a missing weight file: each named, and the next run works', async ({ page }) => {
    await page.goto(LAB);
    const mnist = playground(page, 'lab/kernel-mnist.ts');
    const weights = playground(page, 'lab/kernel-weights.ts');
    const runToError = async (src: string) => {
      const pg = await start(page, src);
      await expect(pg).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
      return errorLine(pg).innerText();
    };

    const pack = await readFile(join(E2E_DIST, 'data/mnist/mnist-10k.bin'));
    await page.route('**/data/mnist/mnist-10k.bin', (route) => route.fulfill({ contentType: 'application/octet-stream', body: pack.subarray(0, 100_000) }));
    expect(await runToError('lab/kernel-mnist.ts')).toMatch(
      /data\/mnist\/mnist-10k\.bin: truncated: 100000 bytes, the header announces 10000 examples = 7850020 bytes/,
    );
    await page.unroute('**/data/mnist/mnist-10k.bin');
    await start(page, 'lab/kernel-mnist.ts');
    await finished(mnist);
    await expect(output(mnist)).toContainText('MNIST loaded: 80 train digits');

    const notFoundPage = await readFile(join(E2E_DIST, '404.html'));
    await page.route('**/models/lab/tiny/model.json', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: notFoundPage }));
    expect(await runToError('lab/kernel-weights.ts')).toMatch(
      /asset "models\/lab\/tiny\/model\.json": http:\S+\/models\/lab\/tiny\/model\.json answered with a web page \(text\/html; charset=utf-8\) instead of the file, probably the server's "not found" page/,
    );
    await page.unroute('**/models/lab/tiny/model.json');

    await page.route('**/models/lab/tiny/weights.bin', (route) => route.fulfill({ status: 404, contentType: 'text/html; charset=utf-8', body: notFoundPage }));
    expect(await runToError('lab/kernel-weights.ts')).toMatch(
      /models\/lab\/tiny\/model\.json: its weight file weights\.bin could not be read \(asset "models\/lab\/tiny\/weights\.bin" not found: \S+ answered 404\)/,
    );
    await page.unroute('**/models/lab/tiny/weights.bin');

    await start(page, 'lab/kernel-weights.ts');
    await finished(weights);
    await expect(output(weights)).toHaveText('prediction 1');
  });
});
