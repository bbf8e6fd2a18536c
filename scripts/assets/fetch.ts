/**
 * One download into the asset cache: tries each URL in turn, resumes a partial
 * `.part` file with an HTTP Range request, detects truncated transfers, verifies
 * size / md5 / a format check, and only then moves the file into place, so the
 * cache never holds a file that failed its checks.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface DownloadSpec {
  /** Cache path, relative to the entry's cache folder. */
  file: string;
  /** Tried in order; the first that yields a file passing the checks wins. */
  urls: string[];
  /** Exact size in bytes, when known. */
  size?: number;
  md5?: string;
  /** Format check on the downloaded file; throws an Error naming the file. */
  check?: (path: string) => void | Promise<void>;
}

export type ProgressFn = (loaded: number, total: number | undefined) => void;

export interface DownloadOptions {
  cacheDir: string;
  onProgress?: ProgressFn;
  /** Abort a transfer that receives nothing for this long. */
  stallMs?: number;
  /**
   * Hosts that failed to connect earlier in this run; shared between downloads so
   * an offline run fails fast instead of waiting on each of hundreds of files.
   */
  unreachable?: Set<string>;
}

export interface DownloadResult {
  path: string;
  /** True when the cache already held a verified copy: nothing was transferred. */
  cached: boolean;
  url?: string;
}

async function md5Of(path: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Throws an Error naming `label` when `path` fails the spec's checks. */
export async function verify(path: string, spec: DownloadSpec, label: string): Promise<void> {
  const size = statSync(path).size;
  if (spec.size !== undefined && size !== spec.size) {
    throw new Error(`${label}: ${size} bytes, expected ${spec.size}${size < spec.size ? ' (truncated)' : ''}`);
  }
  if (spec.md5) {
    const got = await md5Of(path);
    if (got !== spec.md5) throw new Error(`${label}: md5 ${got}, expected ${spec.md5} (corrupt or a different file)`);
  }
  await spec.check?.(path);
}

/** fetch() rejects with a bare "fetch failed"; the reason is in its cause. */
function networkError(e: unknown): { message: string; code?: string } {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return { message: cause?.message ? `${(e as Error).message}: ${cause.message}` : (e as Error).message, code: cause?.code };
}

const CONNECT_ERRORS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

async function transfer(url: string, part: string, spec: DownloadSpec, opts: DownloadOptions): Promise<void> {
  const host = new URL(url).host;
  if (opts.unreachable?.has(host)) throw new Error(`${host} could not be reached earlier in this run`);
  const have = existsSync(part) ? statSync(part).size : 0;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const stall = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${(opts.stallMs ?? 30_000) / 1000} s`)), opts.stallMs ?? 30_000);
  };
  stall();
  try {
    let res: Response;
    try {
      res = await fetch(url, { headers: have > 0 ? { range: `bytes=${have}-` } : {}, signal: controller.signal, redirect: 'follow' });
    } catch (e) {
      const err = networkError(e);
      if (err.code && CONNECT_ERRORS.has(err.code)) opts.unreachable?.add(host);
      throw new Error(err.message);
    }
    if (res.status === 416 && have > 0) {
      // The server has nothing past what we hold: the part file may be complete, or stale.
      await res.body?.cancel();
      return;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    }
    const resumed = res.status === 206 && have > 0;
    const length = Number(res.headers.get('content-length') ?? NaN);
    const start = resumed ? have : 0;
    const total = Number.isFinite(length) ? start + length : spec.size;
    let loaded = start;
    opts.onProgress?.(loaded, total);
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        stall();
        loaded += chunk.length;
        opts.onProgress?.(loaded, total);
        ctl.enqueue(chunk);
      },
    });
    if (!res.body) throw new Error('empty response body');
    try {
      await pipeline(Readable.fromWeb(res.body.pipeThrough(counter) as WebReadableStream<Uint8Array>), createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
    } catch (e) {
      throw new Error(`transfer interrupted after ${loaded} bytes (${(e as Error).message}); the partial file is kept to resume`);
    }
    if (Number.isFinite(length) && loaded !== start + length) {
      throw new Error(`truncated: received ${loaded - start} of ${length} bytes; the partial file is kept to resume`);
    }
  } finally {
    clearTimeout(timer);
  }
}

export async function download(spec: DownloadSpec, opts: DownloadOptions): Promise<DownloadResult> {
  const path = join(opts.cacheDir, spec.file);
  const part = `${path}.part`;
  if (existsSync(path)) {
    try {
      await verify(path, spec, path);
      return { path, cached: true };
    } catch {
      rmSync(path);
    }
  }
  mkdirSync(dirname(path), { recursive: true });

  /** Transfers and verifies; returns what went wrong, or undefined when `part` is good. */
  const attempt = async (url: string): Promise<{ message: string; badFile: boolean } | undefined> => {
    try {
      await transfer(url, part, spec, opts);
    } catch (e) {
      return { message: `${url}: ${(e as Error).message}`, badFile: false };
    }
    try {
      await verify(part, spec, url);
      return undefined;
    } catch (e) {
      // A file that fails its checks is not worth resuming.
      rmSync(part, { force: true });
      return { message: (e as Error).message, badFile: true };
    }
  };

  const failures: string[] = [];
  for (const url of spec.urls) {
    const resuming = existsSync(part);
    let failure = await attempt(url);
    // The kept part may have come from a different or changed file: one fresh try.
    if (failure?.badFile && resuming) failure = await attempt(url);
    if (!failure) {
      renameSync(part, path);
      return { path, cached: false, url };
    }
    failures.push(failure.message);
  }
  throw new Error(`${spec.file}: ${failures.join('; ') || 'no URL configured'}`);
}
