/**
 * The WASM binaries the worker needs, as URLs of files in the built site: Vite copies
 * each `?url` import into dist/ under a hashed name, so nothing loads from a CDN.
 */
import tfjsWasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import tfjsWasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import tfjsWasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { OrtFiles } from './transformers-env.ts';

export const TFJS_WASM_FILES = {
  'tfjs-backend-wasm.wasm': tfjsWasm,
  'tfjs-backend-wasm-simd.wasm': tfjsWasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': tfjsWasmThreadedSimd,
};

/** The asyncify build is the one Transformers.js 4 picks for ONNX Runtime Web. */
export const ORT_FILES: OrtFiles = { mjs: ortMjs, wasm: ortWasm };
