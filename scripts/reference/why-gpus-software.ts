/**
 * Chapter 1's GPU benchmark (`playgrounds/intro/why-gpus.ts`, default sizes) on the built
 * site in headless Chromium with a software WebGPU (SwiftShader): every backend, on a
 * first visit (WASM on one thread) and after a reload, which the site's isolation service
 * worker controls (threaded WASM where the browser allows it). Chapter 1 quotes the
 * first-visit figures. (How long each playground takes: scripts/reference/playground-times.ts.)
 *
 *   npx node --experimental-transform-types scripts/reference/why-gpus-software.ts --dist /tmp/dist --runs 2
 *
 * Build the site first, as for the e2e tests (`npm run build:e2e`, or with `--outDir`).
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions, E2E_BASE, WEBGPU_ARGS } from '../../tests/e2e/fixtures/env.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    port: { type: 'string', default: '4413' },
    runs: { type: 'string', default: '1' },
  },
});
const base = `http://127.0.0.1:${values.port}${E2E_BASE}`;
const server = spawn(process.execPath, ['--experimental-transform-types', 'scripts/serve-dist.ts', '--port', values.port, '--base', E2E_BASE, '--dir', values.dist], { stdio: 'ignore' });
for (let i = 0; ; i++) {
  if (i > 100) throw new Error('the server did not start');
  try {
    if ((await fetch(base)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 200));
}

/** Runs one playground with its defaults on `backend`; returns the page's status line. */
async function run(page: Page, src: string, backend: string): Promise<string> {
  const pg = page.locator(`[data-playground][data-src="${src}"]`);
  await pg.scrollIntoViewIfNeeded();
  await page.waitForFunction((el) => (el as HTMLElement | null)?.dataset.island === 'ready', await pg.elementHandle(), { timeout: 60_000 });
  await pg.evaluate((root) => void (root.dataset.params = '{}'));
  await pg.getByRole('combobox', { name: 'Backend' }).selectOption(backend);
  await pg.evaluate((root) => void delete root.dataset.state);
  await pg.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction((el) => /^(done|error|syntax-error|stopped|crashed)$/.test(el?.getAttribute('data-state') ?? ''), await pg.elementHandle(), { timeout: 600_000 });
  return pg.locator('[data-part="status"]').innerText();
}

try {
  const browser = await chromium.launch(chromiumLaunchOptions(WEBGPU_ARGS));
  for (let r = 1; r <= Number(values.runs); r++) {
    // A fresh context is a first visit: the isolation service worker is not in control yet.
    const page = await (await browser.newContext({ baseURL: base })).newPage();
    for (const visit of ['first visit', 'reload']) {
      if (visit === 'first visit') await page.goto('chapters/what-is-deep-learning/');
      else await page.reload();
      const status = await run(page, 'intro/why-gpus.ts', 'wasm');
      const pg = page.locator('[data-playground][data-src="intro/why-gpus.ts"]');
      const isolated = await page.evaluate(() => crossOriginIsolated);
      console.log(`\nrun ${r}, ${visit} (crossOriginIsolated: ${isolated}): ${status.split('\n')[0]}`);
      for (const row of await pg.locator('[data-part="output"] .pg-table tr').allInnerTexts()) console.log('  ' + row.replace(/\t/g, ' | '));
      for (const line of await pg.locator('[data-part="output"] .pg-log').allInnerTexts()) console.log('  ' + line.trim());
    }
  }
  await browser.close();
} finally {
  server.kill();
}
