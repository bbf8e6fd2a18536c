/** The main-thread baseline for the throughput benchmark (see src/pages/lab/bench-direct.astro). */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { setHost } from '../../course/host.ts';
import { createBrowserHost, InputRequests } from '../../course/hosts/browser.ts';
import { TFJS_WASM_FILES } from '../../runner/wasm-files.ts';
import type { FromWorker } from '../../runner/protocol.ts';

export async function runDirect(backend: string, batches: number): Promise<string> {
  setWasmPaths(TFJS_WASM_FILES);
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to initialise`);
  await tf.ready();
  const lines: string[] = [];
  setHost(
    createBrowserHost({
      runId: 0,
      post: (message: FromWorker) => {
        if (message.type === 'output' && message.output.kind === 'log') lines.push(message.output.text);
      },
      params: { batches },
      assetBase: new URL(import.meta.env.BASE_URL, location.href).href,
      kept: new Map(),
      inputs: new InputRequests(),
      // The MLP needs no Transformers.js; importing it here would ship a second 27 MB copy
      // of ONNX Runtime's WASM with the main-thread bundle.
      importTransformers: () => Promise.reject(new Error('Transformers.js is not loaded on the benchmark baseline page')),
      switchBackend: async (name) => {
        if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to initialise`);
      },
    }),
  );
  // Importing the playground module runs it, exactly as written.
  await import('../../../playgrounds/lab/mlp-throughput.ts');
  return lines.join('\n');
}
