/**
 * The page's kernel worker: one module worker per page, reused between runs like a
 * notebook kernel, so TF.js, its backend and kept values stay warm. The page terminates
 * it to stop a run and starts a new one. The browser-specific parts live here; the
 * message handling is kernel.ts.
 */
import * as tf from '@tensorflow/tfjs';
import * as course from '../course/index.ts';
import { softwareAdapter, softwareReason, softwareWebGL, type AdapterInfo } from './backends.ts';
import { createKernel, type RunMessage } from './kernel.ts';
import type { Backend, FromWorker, ToWorker } from './protocol.ts';
import { configureTransformers, type TransformersEnv } from './transformers-env.ts';
import { ORT_FILES } from './ort-files.ts';
import { TFJS_WASM_FILES } from './wasm-files.ts';
import { guardWasmMalloc, type WasmModule } from './wasm-memory.ts';
import { guardSyncReads } from './webgpu-sync.ts';

const scope = globalThis as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};

/** The software renderer under the WebGPU adapter the reader chose explicitly, if any. */
let softwareWebGPU: string | undefined;
let syncReadsGuarded = false;
let wasmThreads: (() => number) | undefined;

async function prepareBackend(backend: Backend, explicit: boolean): Promise<void> {
  switch (backend) {
    case 'webgpu': {
      const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<(AdapterInfo & { info?: AdapterInfo }) | null> } }).gpu;
      if (!gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
      const adapter = await gpu.requestAdapter();
      if (!adapter) throw new Error('WebGPU offers no adapter on this device');
      // GPUAdapterInfo's fields are getters, so they are read one by one (a spread copies none).
      const info = adapter.info;
      const software = softwareAdapter({
        vendor: info?.vendor,
        architecture: info?.architecture,
        device: info?.device,
        description: info?.description,
        isFallbackAdapter: info?.isFallbackAdapter ?? adapter.isFallbackAdapter,
      });
      if (software && !explicit) throw new Error(softwareReason('webgpu', software));
      softwareWebGPU = software;
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    }
    case 'webgl': {
      if (typeof OffscreenCanvas === 'undefined') throw new Error('no OffscreenCanvas in this browser\'s workers, so no WebGL');
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
      if (!gl) throw new Error('WebGL is not available (no context on an OffscreenCanvas)');
      // RENDERER says "WebKit WebGL"; the real renderer is behind the debug extension.
      const debug = gl.getExtension('WEBGL_debug_renderer_info');
      const software = softwareWebGL(String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER)));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      if (software && !explicit) throw new Error(softwareReason('webgl', software));
      return;
    }
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(TFJS_WASM_FILES);
      // TF.js would use half the cores (hardwareConcurrency / 2); the kernel is the page's
      // one busy worker, so it takes them all. Without isolation there is one thread anyway.
      if (self.crossOriginIsolated) wasm.setThreadsCount(navigator.hardwareConcurrency);
      wasmThreads = () => wasm.getThreadsCount();
      return;
    }
    case 'cpu':
      return;
  }
}

async function importTransformers(run: RunMessage) {
  const transformers = await import('@huggingface/transformers');
  const threads = self.crossOriginIsolated ? navigator.hardwareConcurrency : 1;
  configureTransformers(transformers.env as unknown as TransformersEnv, ORT_FILES, run.assetBase, run.transformers, threads);
  return transformers;
}

const kernel = createKernel({
  post: (message) => scope.postMessage(message),
  tf,
  prepareBackend,
  importTransformers,
  threads: () => wasmThreads?.(),
  onActivated(backend) {
    if (backend === 'wasm') guardWasmMalloc((tf.backend() as unknown as { wasm: WasmModule }).wasm);
    if (backend !== 'webgpu' || !softwareWebGPU || syncReadsGuarded) return;
    syncReadsGuarded = true;
    guardSyncReads(tf.backend() as unknown as Parameters<typeof guardSyncReads>[0], softwareWebGPU);
  },
  modules: (loadTransformers) => ({
    '@tensorflow/tfjs': () => tf,
    '@tensorflow/tfjs-core': () => tf,
    course: () => course,
    '@huggingface/transformers': loadTransformers,
  }),
});
scope.addEventListener('message', (event) => kernel.receive(event.data));
scope.postMessage({ type: 'ready' });
