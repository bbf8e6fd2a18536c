/**
 * The host a playground runs in. `course` functions never talk to the page or the
 * file system directly; they call the current host, so one playground file runs
 * unchanged in the browser worker and in Node under vitest.
 */
import type { Backend, InputRequest, InputValue, Output, Params, Pixels } from '../runner/protocol.ts';
import type { ModelStore } from './model-store.ts';

export type ProgressCallback = (loaded: number, total: number | undefined) => void;

export interface CourseHost {
  kind: 'browser' | 'node';
  emit(output: Output): void;
  /** Asks the reader for input (draw pad, photo); rejects when the host can't. */
  request(req: InputRequest): Promise<InputValue>;
  /** Parameter overrides for this run (tests shrink epochs, sample counts). */
  params: Params;
  /**
   * Reads a file the site serves from its root, e.g. `data/mnist/mnist-10k.bin`.
   * Rejects with an Error whose message names the path when it is missing.
   */
  fetchAsset(path: string, onProgress?: ProgressCallback): Promise<Uint8Array>;
  /**
   * Decodes JPEG/PNG/WebP bytes by content (not file name) to RGBA pixels: the browser
   * host uses the platform (createImageBitmap), the Node host a native decoder.
   * Rejects with an Error naming `name` when the bytes are not an image.
   */
  decodeImage(bytes: Uint8Array, name: string): Promise<Pixels>;
  /** Absolute URL (browser) or directory (node) that `fetchAsset` paths are under. */
  assetRoot: string;
  /** Named values the kernel keeps between runs on one page (a trained model). */
  kept: Map<string, unknown>;
  /** Models kept across reloads (browser: IndexedDB; Node: memory shared by a test's runs). */
  modelStore: ModelStore;
  /** Which code this run is, for the description of a model it stores. */
  code: RunCode;
  /**
   * The host's Transformers.js module, configured for this run (browser: ONNX Runtime
   * WASM from the site, the deployment's model source). `course.models` helpers load it
   * through here so they see the same settings as the reader's own import (and the
   * `course` module itself never bundles the package).
   */
  importTransformers: () => Promise<typeof import('@huggingface/transformers')>;
  /**
   * Switches TF.js to `backend` for the rest of the run, loading it first (a playground
   * that compares backends); rejects with the reason when this host can't run it.
   */
  switchBackend(backend: Backend): Promise<void>;
}

export interface RunCode {
  /** The playground's path, e.g. `mnist/train.ts`. */
  path: string;
  /** Hash of the shipped code of each playground on the page, by path (this one included). */
  originals: Record<string, string>;
  /** The code that runs differs from the shipped code (the reader edited it). */
  edited: boolean;
}

let current: CourseHost | undefined;

export function setHost(host: CourseHost | undefined): void {
  current = host;
}

export function getHost(): CourseHost {
  if (!current) {
    throw new Error('course: no host is set. Playground code runs inside the course runner (browser worker or tests/playgrounds host).');
  }
  return current;
}
