/**
 * The browser host: lives in the kernel worker, turns each `course` output into a
 * message to the page, asks the page for reader input, fetches assets from the site.
 */
import type { CourseHost, ProgressCallback, RunCode } from '../host.ts';
import { browserModelStore, type ModelStore } from '../model-store.ts';
import { decodeImageBrowser } from '../images/decode-browser.ts';
import type { FromWorker, InputValue, Params } from '../../runner/protocol.ts';

type Post = (message: FromWorker) => void;

interface PendingInput {
  resolve(value: InputValue): void;
  reject(error: Error): void;
}

/** Input requests waiting for the page, across runs (request ids are unique per worker). */
export class InputRequests {
  private next = 0;
  private readonly pending = new Map<number, PendingInput>();

  open(): { requestId: number; reply: Promise<InputValue> } {
    const requestId = ++this.next;
    const reply = new Promise<InputValue>((resolve, reject) => this.pending.set(requestId, { resolve, reject }));
    return { requestId, reply };
  }

  /** The page's answer; `value` null means the reader cancelled. */
  settle(requestId: number, value: InputValue | null, error?: string): void {
    const p = this.pending.get(requestId);
    if (!p) return;
    this.pending.delete(requestId);
    if (value) p.resolve(value);
    else p.reject(new Error(error ?? 'The reader cancelled the input'));
  }
}

export interface BrowserHostOptions {
  runId: number;
  post: Post;
  params: Params;
  /** Absolute URL of the site root, ending in `/`. */
  assetBase: string;
  kept: Map<string, unknown>;
  inputs: InputRequests;
  /** Transformers.js configured for this run, for `course.models` helpers. */
  importTransformers: () => Promise<typeof import('@huggingface/transformers')>;
  switchBackend: CourseHost['switchBackend'];
  fetch?: typeof fetch;
  /** Default: the browser's IndexedDB store. */
  modelStore?: ModelStore;
  /** Default: an unnamed, unedited run with no other playgrounds. */
  code?: RunCode;
}

export function createBrowserHost(o: BrowserHostOptions): CourseHost {
  const doFetch = o.fetch ?? fetch.bind(globalThis);
  let modelStore: ModelStore | undefined;
  return {
    kind: 'browser',
    params: o.params,
    assetRoot: o.assetBase,
    kept: o.kept,
    get modelStore() {
      // Opened on first use: most runs never store a model.
      return (modelStore ??= o.modelStore ?? browserModelStore());
    },
    code: o.code ?? { path: 'playground.ts', originals: {}, edited: false },
    importTransformers: o.importTransformers,
    switchBackend: o.switchBackend,
    emit(output) {
      o.post({ type: 'output', runId: o.runId, output });
    },
    request(request) {
      const { requestId, reply } = o.inputs.open();
      o.post({ type: 'input-request', runId: o.runId, requestId, request });
      return reply;
    },
    fetchAsset: (path, onProgress) => fetchAsset(doFetch, o.assetBase, path, onProgress),
    decodeImage: decodeImageBrowser,
  };
}

/** Fetches `path` under `base`, reporting bytes as they stream in. */
export async function fetchAsset(doFetch: typeof fetch, base: string, path: string, onProgress?: ProgressCallback): Promise<Uint8Array> {
  const url = new URL(path.replace(/^\/+/, ''), base).href;
  let response: Response;
  try {
    response = await doFetch(url);
  } catch (err) {
    throw new Error(`asset "${path}": could not fetch ${url} (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!response.ok) {
    throw new Error(response.status === 404 ? `asset "${path}" not found: ${url} answered 404` : `asset "${path}": ${url} answered ${response.status} ${response.statusText}`);
  }
  // Hosts that route every path to one page (or serve their "not found" page with 200)
  // send HTML where a file should be; saying so beats "not valid JSON" or a bad magic.
  const type = response.headers.get('content-type') ?? '';
  if (/^text\/html/i.test(type) && !/\.html?$/i.test(path)) {
    throw new Error(`asset "${path}": ${url} answered with a web page (${type}) instead of the file, probably the server's "not found" page`);
  }
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress?.(bytes.length, bytes.length);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (err) {
      const of = total === undefined ? '' : ` of ${total.toLocaleString('en-US')}`;
      throw new Error(`asset "${path}": the download from ${url} broke off after ${loaded.toLocaleString('en-US')}${of} bytes (${err instanceof Error ? err.message : String(err)})`);
    }
    const { done, value } = chunk;
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    // A compressed response's Content-Length counts compressed bytes; past it, the total is unknown.
    onProgress?.(loaded, total !== undefined && loaded <= total ? total : undefined);
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}
