/**
 * Shared pieces of `npm run bench`: the built site served under its base, Debian
 * Chromium via Playwright, and the result shape every benchmark returns.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions, WEBGPU_ARGS } from '../../tests/e2e/fixtures/env.ts';

export interface BenchContext {
  /** Absolute URL of the served site root, with base, ending in `/`. Sent without COOP/COEP, as GitHub Pages does. */
  siteUrl: string;
  /**
   * The same site from a second server that sends COOP/COEP itself (`serve-dist.ts
   * --isolate`): pages are cross-origin isolated on their first load, so the kernel's
   * WASM runs threaded. On `siteUrl` a page is isolated only once public/coi-sw.js
   * controls it (from the second load on); `freshPage` blocks service workers, so each
   * URL gives what it says.
   */
  isolatedSiteUrl: string;
  /** The built site folder, e.g. `dist`. */
  distDir: string;
  /** A fresh Chromium with WebGPU (SwiftShader) enabled; close it when done. */
  launch(): Promise<Browser>;
  /** Site paths (with base) the server has sent, in order; benchmarks may clear it. */
  served: string[];
}

export interface BenchResult {
  /** File name under bench-results/, e.g. `js-bytes` -> bench-results/js-bytes.json. */
  name: string;
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Free-form detail kept in the JSON. */
  detail?: unknown;
}

export interface Benchmark {
  name: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(WEBGPU_ARGS));
}

/** A port nothing listens on right now (other builds and test servers share the machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/**
 * Serves `distDir` under `base` with the project's static server; resolves once it listens.
 * The server logs each file it sends, which sees what workers load too (Playwright's page
 * events don't).
 */
export function serveDist(distDir: string, base: string, port: number, options: { isolate?: boolean } = {}): Promise<{ child: ChildProcess; served: string[] }> {
  const args = ['scripts/serve-dist.ts', '--port', String(port), '--base', base, '--dir', distDir, '--log', ...(options.isolate ? ['--isolate'] : [])];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const served: string[] = [];
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`serve-dist exited with ${code}`)));
    let pending = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('served ')) served.push(line.slice('served '.length));
        else if (line.startsWith('serving ')) resolve({ child, served });
      }
    });
  });
}

/**
 * A page in a fresh context with service workers blocked: coi-sw.js never controls it, so
 * on `siteUrl` it stays non-isolated (one WASM thread) and on `isolatedSiteUrl` isolation
 * comes from the server's headers alone. Close it with `page.context().close()`.
 */
export async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  return context.newPage();
}

export interface PlaygroundRun {
  state: string;
  /** The backend the run used (`data-backend`), and its WASM threads (`data-threads`, from RunSummary.threads). */
  backend?: string;
  threads?: number;
  /** The output pane's text. */
  output: string;
  /** The status line ("Done in 1.2 s on WASM, 2 threads" or the error). */
  status: string;
}

/** Milliseconds from "Done in 136 ms" / "Done in 1.2 s" / "Done in 1 min 5 s". */
export function runMs(status: string): number {
  const m = /Done in (?:(\d+) min )?([\d.]+) (ms|s)\b/.exec(status);
  if (!m) throw new Error(`no run time in the status: ${status}`);
  return Math.round(Number(m[1] ?? 0) * 60_000 + Number(m[2]) * (m[3] === 's' ? 1000 : 1));
}

/**
 * Opens `url`, sets playground `src`'s params (as a chapter's `params` would) and backend,
 * clicks Run and waits for the end of the run.
 */
export async function runPlaygroundAt(page: Page, url: string, src: string, options: { backend?: string; params?: Record<string, unknown>; timeoutMs?: number } = {}): Promise<PlaygroundRun> {
  await page.goto(url);
  const pg = page.locator(`[data-playground][data-src="${src}"]`);
  if (options.params) await pg.evaluate((el, params) => void ((el as HTMLElement).dataset.params = JSON.stringify(params)), options.params);
  if (options.backend) await pg.getByRole('combobox', { name: 'Backend' }).selectOption(options.backend);
  await pg.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction((el) => /^(done|error|syntax-error|stopped|crashed)$/.test((el as HTMLElement).dataset.state ?? ''), await pg.elementHandle(), {
    timeout: options.timeoutMs ?? 600_000,
  });
  const threads = await pg.getAttribute('data-threads');
  return {
    state: (await pg.getAttribute('data-state')) ?? '',
    backend: (await pg.getAttribute('data-backend')) ?? undefined,
    threads: threads === null ? undefined : Number(threads),
    output: await pg.locator('[data-part="output"]').innerText(),
    status: await pg.locator('[data-part="status"]').innerText(),
  };
}

/** Clicks Run on playground `src` and waits until its run ends; returns the final state. */
export async function runPlayground(page: Page, src: string, timeoutMs = 180_000): Promise<string> {
  const root = page.locator(`[data-playground][data-src="${src}"]`);
  await root.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForFunction(
    (s) => /^(done|error|syntax-error|stopped|crashed)$/.test(document.querySelector(`[data-src="${s}"]`)?.getAttribute('data-state') ?? ''),
    src,
    { timeout: timeoutMs },
  );
  return (await root.getAttribute('data-state')) ?? '';
}

export function formatTable(result: BenchResult): string {
  const cells = [result.columns, ...result.rows.map((r) => r.map(String))];
  const widths = result.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [`### ${result.title}`, '', line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}
