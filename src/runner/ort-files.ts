/** ONNX Runtime Web's files for Transformers.js, served from the site (see wasm-files.ts). */
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import type { OrtFiles } from './transformers-env.ts';

/** The asyncify build is the one Transformers.js 4 picks for ONNX Runtime Web. */
export const ORT_FILES: OrtFiles = { mjs: ortMjs, wasm: ortWasm };
