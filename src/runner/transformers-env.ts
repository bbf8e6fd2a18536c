/**
 * Transformers.js settings for the worker: ONNX Runtime's WASM files come from the site
 * (never a CDN), models from the Hugging Face hub unless the deployment says otherwise.
 */
import type { TransformersSource } from './protocol.ts';

/** The part of Transformers.js' `env` this configures. */
export interface TransformersEnv {
  allowRemoteModels: boolean;
  allowLocalModels: boolean;
  remoteHost: string;
  localModelPath: string;
  backends: { onnx?: { wasm?: { wasmPaths?: unknown; numThreads?: number } } };
}

export interface OrtFiles {
  /** URL of ONNX Runtime's WASM glue module (`ort-wasm-simd-threaded.asyncify.mjs`). */
  mjs: string;
  /** URL of the matching `.wasm` binary. */
  wasm: string;
}

const HUB = 'https://huggingface.co/';

/**
 * `threads`: how many ONNX Runtime may use; pass the cores when the worker is
 * cross-origin isolated (ONNX Runtime's own default is at most half of them, 4 at most),
 * else 1, which is all it can have then.
 */
export function configureTransformers(env: TransformersEnv, ort: OrtFiles, assetBase: string, source: TransformersSource = {}, threads = 1): void {
  const onnx = env.backends.onnx;
  if (!onnx?.wasm) throw new Error('Transformers.js has no ONNX Runtime WASM settings (env.backends.onnx.wasm)');
  onnx.wasm.wasmPaths = { mjs: new URL(ort.mjs, assetBase).href, wasm: new URL(ort.wasm, assetBase).href };
  onnx.wasm.numThreads = threads;
  // Settings persist in the kernel between runs; each run states all of them.
  env.remoteHost = source.remoteHost ? new URL(source.remoteHost, assetBase).href : HUB;
  env.allowRemoteModels = source.allowRemoteModels ?? true;
  env.allowLocalModels = source.localModelPath !== undefined;
  if (source.localModelPath !== undefined) {
    const url = new URL(source.localModelPath, assetBase);
    // Transformers.js 4 skips its local-file existence checks for a path that is a full
    // http(s) URL (and then loads no tokenizer), so a path on the site is given as an
    // origin-relative path, which its fetch resolves against the worker's origin.
    env.localModelPath = url.origin === new URL(assetBase).origin ? url.pathname : url.href;
  }
}
