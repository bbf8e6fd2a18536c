/**
 * BERT with Transformers.js: a fill-mask pipeline that shows its download as a byte
 * progress bar. Models come from the Hugging Face hub by default and stay in the
 * browser's Cache Storage (Transformers.js' `env.useBrowserCache`), so a second visit
 * does not download them again; docs/models.md says how a deployment serves them from
 * the site instead.
 */
import type { DataType, DeviceType, FillMaskPipeline, ProgressInfo } from '@huggingface/transformers';
import { progress, type Progress } from '../charts.ts';
import { getHost } from '../host.ts';
import { notice } from '../log.ts';
import { softwareAdapter, type AdapterInfo } from '../../runner/backends.ts';

export const DEFAULT_FILL_MASK_MODEL = 'Xenova/bert-base-uncased';

/**
 * A Transformers.js `progress_callback` that draws one byte progress bar for all the
 * files of a model (their `progress_total` events).
 */
export function downloadProgress(label: string): (info: ProgressInfo) => void {
  let bar: Progress | undefined;
  return (info) => {
    if (info.status !== 'progress_total' || !(info.total > 0)) return;
    // The total grows when the library discovers another file: one bar, a larger total.
    if (!bar) bar = progress(label, info.total, { unit: 'bytes' });
    else bar.setTotal(info.total);
    if (info.loaded >= info.total) bar.done();
    else bar.update(info.loaded);
  };
}

export interface FillMaskOptions {
  /** Show a download progress bar (default true). */
  progress?: boolean;
  /** Weights variant, e.g. 'q8' (Transformers.js' WASM default, 4x smaller) or 'fp32'. */
  dtype?: DataType;
  device?: DeviceType;
}

/**
 * Loads a masked-language-model pipeline:
 *
 * @example
 * const unmasker = await course.models.fillMask();
 * const guesses = await unmasker('Paris is the [MASK] of France.', { top_k: 5 });
 */
export async function fillMask(modelId: string = DEFAULT_FILL_MASK_MODEL, options: FillMaskOptions = {}): Promise<FillMaskPipeline> {
  const host = getHost();
  const { pipeline } = await host.importTransformers();
  return pretrained(modelId, (progress_callback) =>
    pipeline('fill-mask', modelId, {
      ...(options.dtype !== undefined && { dtype: options.dtype }),
      ...(options.device !== undefined && { device: options.device }),
      ...(options.progress !== false && { progress_callback }),
    }),
  );
}

/** What a loaded tokenizer, model or pipeline exposes of its config files. */
interface WithConfig {
  config?: { test_fixture?: unknown } | undefined;
  model?: { config?: { test_fixture?: unknown } | undefined } | undefined;
  tokenizer?: { config?: { test_fixture?: unknown } | undefined } | undefined;
}

/**
 * The note a test fixture carries in its config (scripts/fixtures/make-tiny-bert.ts
 * writes `test_fixture`), or undefined for a real model.
 */
export function testFixtureNote(loaded: unknown): string | undefined {
  if (typeof loaded !== 'object' && typeof loaded !== 'function') return undefined;
  const l = loaded as WithConfig | null;
  const note = l?.config?.test_fixture ?? l?.model?.config?.test_fixture ?? l?.tokenizer?.config?.test_fixture;
  return typeof note === 'string' ? note : undefined;
}

const HTTP_STATUS = /^(.*?) (?:occurred while trying to load file|to file|file): "([^"]+)"\.?$/;
const STATUS_OF: Record<string, number> = {
  'Unauthorized access': 401,
  'Forbidden access': 403,
  'Could not locate': 404,
};

/** The last path segments of a model file's URL or path, e.g. `onnx/model_quantized.onnx`. */
function fileOf(urlOrPath: string, modelId: string): string {
  const at = urlOrPath.indexOf(`${modelId}/`);
  const rest = at >= 0 ? urlOrPath.slice(at + modelId.length + 1) : urlOrPath.split('/').slice(-1)[0]!;
  return rest.replace(/^resolve\/[^/]+\//, '');
}

/**
 * One sentence for a reader whose model did not load: which model, which file and what
 * went wrong (not on this site, not on the hub, refused, offline or blocked), from the
 * errors Transformers.js 4 throws.
 */
export function describeLoadFailure(modelId: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const head = `Could not load the model "${modelId}"`;
  const local = /file was not found locally at "([^"]+)"/.exec(message);
  if (local) {
    return `${head}: this site does not serve its file ${fileOf(local[1]!, modelId)}, and this deployment does not download models from the Hugging Face hub. Choose a model the site serves, or mirror this one into it (docs/models.md).`;
  }
  const remote = /attempted to load a remote file from: (\S+?)\.?$/.exec(message);
  if (remote) return `${head}: its file ${fileOf(remote[1]!, modelId)} is on another site, and this deployment does not download models.`;
  const http = HTTP_STATUS.exec(message);
  if (http) {
    const file = fileOf(http[2]!, modelId);
    const status = STATUS_OF[http[1]!.replace(/ error$/, '')] ?? Number(/\((\d{3})\)/.exec(message)?.[1] ?? NaN);
    if (status === 404) return `${head}: the hub has no file ${file} for it (404). Check the model id, or try another dtype.`;
    if (status === 401 || status === 403) return `${head}: the hub refused ${file} (${status}). The id may be misspelt, or the model private or gated.`;
    return `${head}: downloading ${file} failed (${http[1]!.toLowerCase()}). Try again later.`;
  }
  // AutoTokenizer looks for tokenizer_config.json first and, not finding it, reads a config it never got.
  if (/reading 'tokenizer_class'/.test(message)) {
    return `${head}: its tokenizer_config.json was not found, neither on this site nor on the hub (where this deployment downloads from it). Check the model id; offline, the hub can't be reached.`;
  }
  if (error instanceof TypeError && /fetch|network|load failed/i.test(message)) {
    return `${head}: its files could not be downloaded. The browser may be offline, or something blocked the request (an extension, a firewall or proxy). Nothing else on the page is affected.`;
  }
  return `${head}: ${message.split('\n')[0]}`;
}

export interface FileInfo {
  file: string;
  /** Bytes, when the server said. */
  size?: number | undefined;
  /** Already in the browser's cache. */
  fromCache?: boolean | undefined;
}

/** What a first run will download, in one sentence, from the files' metadata. */
export function describeDownload(modelId: string, dtype: string, files: FileInfo[]): string {
  const missing = files.filter((f) => !f.fromCache);
  if (!missing.length) return `${modelId} (${dtype}) is in this browser's cache: nothing to download.`;
  const known = missing.filter((f) => f.size !== undefined);
  const mb = (bytes: number) => (bytes >= 1e5 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`);
  const total = known.reduce((sum, f) => sum + f.size!, 0);
  const size = known.length === missing.length ? mb(total) : `${mb(total)} plus ${missing.length - known.length} of unknown size`;
  const largest = known.reduce<FileInfo | undefined>((a, f) => (!a || f.size! > a.size! ? f : a), undefined);
  return `${modelId} (${dtype}): ${missing.length} file${missing.length === 1 ? '' : 's'} to download, ${size}${largest ? ` (${largest.file}: ${mb(largest.size!)})` : ''}. The browser keeps them, so later runs and reloads don't download them again.`;
}

export interface PretrainedOptions {
  /** The weights variant the load asks for: with it, a download from the hub is announced with its size first. */
  dtype?: DataType;
}

/**
 * Says how much a load from the hub will download, before it starts (a ranged request per
 * file, or the browser's cache). Files served by the site are not checked: Transformers.js
 * would fetch each of them whole to learn its size.
 */
async function announceDownload(modelId: string, dtype: DataType): Promise<void> {
  const { env, ModelRegistry } = await getHost().importTransformers();
  if (!env.allowRemoteModels || env.allowLocalModels) return;
  // Transformers.js remembers a file's metadata for the life of the worker, cached or
  // not at the time, so whether it is cached now is asked of the cache itself.
  const cached = await ModelRegistry.is_cached_files(modelId, { dtype });
  const files = await Promise.all(
    cached.files.map(async ({ file, cached: fromCache }) =>
      fromCache ? { file, fromCache } : { file, fromCache, size: (await ModelRegistry.get_file_metadata(modelId, file)).size },
    ),
  );
  notice('info', describeDownload(modelId, String(dtype), files));
}

/** The fixtures each run has already said it uses (a run has its own host): one note per model. */
const fixturesNoted = new WeakMap<object, Set<string>>();

/**
 * Loads a tokenizer, model or pipeline with `load`, which gets a `progress_callback`
 * drawing one byte progress bar; with `options.dtype`, a download from the hub is first
 * announced with its size. A failure becomes one error naming the model and what
 * failed (see `describeLoadFailure`); a test fixture gets a warning note saying so.
 *
 * @example
 * const tokenizer = await models.pretrained(MODEL, (progress_callback) => AutoTokenizer.from_pretrained(MODEL, { progress_callback }));
 */
export async function pretrained<T>(
  modelId: string,
  load: (progress_callback: (info: ProgressInfo) => void) => Promise<T>,
  options: PretrainedOptions = {},
): Promise<T> {
  let loaded: T;
  try {
    if (options.dtype !== undefined) await announceDownload(modelId, options.dtype);
    loaded = await load(downloadProgress(`Downloading ${modelId}`));
  } catch (error) {
    throw new Error(describeLoadFailure(modelId, error), { cause: error });
  }
  const note = testFixtureNote(loaded);
  if (!note) return loaded;
  const host = getHost();
  const noted = fixturesNoted.get(host) ?? new Set<string>();
  fixturesNoted.set(host, noted);
  if (!noted.has(modelId)) {
    noted.add(modelId);
    notice('warning', `"${modelId}" is ${note}. This build serves it instead of the real model, so read what follows as a check that the code runs, not as what BERT knows.`);
  }
  return loaded;
}

export interface DeviceChoice {
  /** The `device` option for Transformers.js. */
  device: 'webgpu' | 'wasm' | 'cpu';
  /** Why, in words, for the page. */
  reason: string;
}

/**
 * Where Transformers.js should run, from what the host offers: WebGPU on a real GPU,
 * else WASM (a software WebGPU adapter, such as SwiftShader, is slower than WASM);
 * Node runs ONNX Runtime's native CPU build.
 */
export function chooseDevice(hostKind: 'browser' | 'node', adapter: AdapterInfo | null | undefined): DeviceChoice {
  if (hostKind === 'node') return { device: 'cpu', reason: 'Node: ONNX Runtime on the CPU' };
  if (adapter === undefined) return { device: 'wasm', reason: 'this browser has no WebGPU' };
  if (adapter === null) return { device: 'wasm', reason: 'WebGPU found no GPU adapter' };
  const software = softwareAdapter(adapter);
  if (software) return { device: 'wasm', reason: `the only WebGPU adapter is a software renderer (${software}), slower than WASM` };
  return { device: 'webgpu', reason: `WebGPU on ${[adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'the GPU'}` };
}

/** `chooseDevice` for the host this run is on (asks the browser for a WebGPU adapter). */
export async function pickDevice(): Promise<DeviceChoice> {
  const host = getHost();
  if (host.kind === 'node') return chooseDevice('node', undefined);
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<{ info?: AdapterInfo } | null> } } | undefined)?.gpu;
  if (!gpu) return chooseDevice('browser', undefined);
  const adapter = await gpu.requestAdapter().catch(() => null);
  return chooseDevice('browser', adapter ? (adapter.info ?? {}) : null);
}
