/**
 * JavaScript a page loads (gzip, as GitHub Pages serves it): before any interaction, then
 * after pressing Edit on the first playground (Monaco, its workers, the type bundle).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Benchmark, BenchContext } from './lib.ts';

interface Loaded {
  path: string;
  bytes: number;
  gzip: number;
}

/** JS (and the editor's type bundle) among the served paths, sized from the built files. */
function loadedFiles(ctx: BenchContext, served: string[]): Loaded[] {
  const base = new URL(ctx.siteUrl).pathname;
  return [...new Set(served)]
    .filter((p) => /\.m?js$/.test(p) || p.endsWith('playground-types.json'))
    .map((path) => {
      const body = readFileSync(`${ctx.distDir}/${path.slice(base.length)}`);
      return { path, bytes: body.length, gzip: gzipSync(body).length };
    });
}

const kb = (n: number) => (n / 1024).toFixed(1);

/** The first chapter page that has a playground, else the lab page. */
function pagesToMeasure(distDir: string): string[] {
  const pages = ['lab/'];
  const chapters = `${distDir}/chapters`;
  if (existsSync(chapters)) {
    const withPlayground = readdirSync(chapters)
      .sort()
      .find((slug) => readFileSync(`${chapters}/${slug}/index.html`, 'utf8').includes('data-playground'));
    if (withPlayground) pages.unshift(`chapters/${withPlayground}/`);
  }
  return pages;
}

/** Waits until the server has logged nothing new for 1.5 s (a loaded machine delays the log). */
async function quiet(served: string[]): Promise<void> {
  for (let seen = -1; seen !== served.length; ) {
    seen = served.length;
    await new Promise((r) => setTimeout(r, 1500));
  }
}

async function measure(ctx: BenchContext, path: string) {
  const browser = await ctx.launch();
  const page = await browser.newPage();
  ctx.served.length = 0;
  await page.goto(ctx.siteUrl + path, { waitUntil: 'networkidle' });
  await quiet(ctx.served);
  const before = loadedFiles(ctx, ctx.served);
  await page.locator('[data-playground] [data-action="edit"]').first().click();
  await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(3000); // Monaco starts its workers after the editor appears
  await quiet(ctx.served);
  const after = loadedFiles(ctx, ctx.served);
  await browser.close();
  const sum = (list: Loaded[], pick: (l: Loaded) => boolean = () => true) =>
    list.filter(pick).reduce((acc, l) => ({ files: acc.files + 1, bytes: acc.bytes + l.bytes, gzip: acc.gzip + l.gzip }), { files: 0, bytes: 0, gzip: 0 });
  const isTypes = (l: Loaded) => l.path.endsWith('playground-types.json');
  return {
    path,
    before: sum(before),
    afterEditJs: sum(after, (l) => !isTypes(l)),
    types: sum(after, isTypes),
    files: { before, after },
  };
}

export const jsBytes: Benchmark = {
  name: 'js-bytes',
  async run(ctx) {
    const results = [];
    for (const path of pagesToMeasure(ctx.distDir)) results.push(await measure(ctx, path));
    return {
      name: 'js-bytes',
      title: 'JavaScript loaded by a page (gzip)',
      columns: ['page', 'before interaction (files / KB gzip)', 'after Edit: JS (files / KB gzip)', 'after Edit: type bundle (KB gzip / raw)'],
      rows: results.map((r) => [
        r.path,
        `${r.before.files} / ${kb(r.before.gzip)}`,
        `${r.afterEditJs.files} / ${kb(r.afterEditJs.gzip)}`,
        `${kb(r.types.gzip)} / ${kb(r.types.bytes)}`,
      ]),
      detail: results,
    };
  },
};
