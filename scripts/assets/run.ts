/**
 * Runs the asset manifest: for each entry, skip when its outputs are up to date,
 * else download (cached), check and convert into public/. Never throws for a
 * missing asset: it reports one line per asset, and the exit code says whether a
 * required one is missing under --strict.
 */
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { download } from './fetch.ts';
import type { AssetEntry, ConvertContext } from './entry.ts';
import { formatBytes, terminalProgress } from './progress.ts';
import { writeDataIndex } from './data-index.ts';

export interface RunOptions {
  publicDir: string;
  cacheDir: string;
  strict: boolean;
  /** Only these entry ids (all when empty). */
  only?: string[];
  /** Where report lines go. */
  log?: (line: string) => void;
  /** Draw progress bars (off in tests). */
  progress?: boolean;
  stallMs?: number;
}

export interface MissingAsset {
  id: string;
  title: string;
  optional: boolean;
  reason: string;
}

export interface RunReport {
  fetched: string[];
  upToDate: string[];
  missing: MissingAsset[];
  exitCode: 0 | 1;
}

function mtime(path: string): number {
  return statSync(path).mtimeMs;
}

/** Up to date: every output exists and none is older than a cached download it came from. */
export function isUpToDate(entry: AssetEntry, publicDir: string, cacheDir: string): boolean {
  const outputs = entry.outputs.map((p) => join(publicDir, p));
  if (!outputs.every((p) => existsSync(p))) return false;
  const oldestOutput = Math.min(...outputs.map(mtime));
  return entry.downloads.every((d) => {
    const cached = join(cacheDir, entry.id, d.file);
    return !existsSync(cached) || mtime(cached) <= oldestOutput;
  });
}

export function contextFor(entry: AssetEntry, files: Record<string, string>, publicDir: string, log: (line: string) => void): ConvertContext {
  return {
    files,
    publicDir,
    output(sitePath) {
      const abs = join(publicDir, sitePath);
      mkdirSync(dirname(abs), { recursive: true });
      return abs;
    },
    copy(file, sitePath) {
      const from = files[file];
      if (!from) throw new Error(`${entry.id}: convert asked for ${file}, which was not downloaded`);
      copyFileSync(from, this.output(sitePath));
    },
    log: (line) => log(`  ${entry.id}: ${line}`),
  };
}

export async function runAssets(entries: AssetEntry[], opts: RunOptions): Promise<RunReport> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const report: RunReport = { fetched: [], upToDate: [], missing: [], exitCode: 0 };
  const unknown = (opts.only ?? []).filter((id) => !entries.some((e) => e.id === id));
  if (unknown.length) throw new Error(`unknown asset id(s): ${unknown.join(', ')}; known: ${entries.map((e) => e.id).join(', ')}`);
  const unreachable = new Set<string>();
  const selected = opts.only?.length ? entries.filter((e) => opts.only!.includes(e.id)) : entries;

  for (const entry of selected) {
    const miss = (reason: string) => report.missing.push({ id: entry.id, title: entry.title, optional: entry.optional ?? false, reason });
    if (isUpToDate(entry, opts.publicDir, opts.cacheDir)) {
      report.upToDate.push(entry.id);
      log(`ok       ${entry.id}: up to date`);
      continue;
    }
    const files: Record<string, string> = {};
    const failures: string[] = [];
    let transferred = 0;
    for (const spec of entry.downloads) {
      const bar = opts.progress ? terminalProgress(`  ${entry.id}/${spec.file}`) : undefined;
      try {
        const res = await download(spec, { cacheDir: join(opts.cacheDir, entry.id), onProgress: bar?.update, stallMs: opts.stallMs, unreachable });
        files[spec.file] = res.path;
        if (!res.cached) transferred += statSync(res.path).size;
      } catch (e) {
        failures.push((e as Error).message);
      } finally {
        bar?.done();
      }
    }
    const usable = entry.partial ? Object.keys(files).length > 0 : failures.length === 0;
    if (!usable) {
      miss(failures.length === 1 ? failures[0]! : `${failures.length} of ${entry.downloads.length} downloads failed, first: ${failures[0]}`);
      continue;
    }
    try {
      await entry.convert(contextFor(entry, files, opts.publicDir, log));
    } catch (e) {
      miss(`conversion failed: ${(e as Error).message}`);
      continue;
    }
    report.fetched.push(entry.id);
    log(`fetched  ${entry.id}: ${entry.title} (${formatBytes(transferred)} downloaded)`);
    if (failures.length) miss(`${failures.length} of ${entry.downloads.length} files could not be fetched, first: ${failures[0]}`);
  }

  const index = writeDataIndex(opts.publicDir);
  log(`data/index.json: ${Object.entries(index.datasets).map(([id, e]) => `${id} = ${e.source}`).join(', ')}`);
  for (const m of report.missing) log(`MISSING  ${m.id}${m.optional ? ' (optional)' : ''}: ${m.title}: ${m.reason}`);
  const requiredMissing = report.missing.some((m) => !m.optional);
  if (report.missing.length) {
    log(opts.strict && requiredMissing
      ? 'assets: required assets are missing (--strict): failing.'
      : 'assets: the site builds without the missing assets and says so where they are used; re-run `npm run assets` with network to fetch them.');
  }
  report.exitCode = opts.strict && requiredMissing ? 1 : 0;
  return report;
}
