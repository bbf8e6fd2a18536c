/**
 * The page's kernel: one module worker per page, reused between runs like a notebook
 * kernel, so TF.js, its backend and kept values stay warm. The page terminates it to
 * stop a run and starts a new one.
 */
import * as tf from '@tensorflow/tfjs';
import * as course from '../course/index.ts';
import { createBrowserHost, InputRequests } from '../course/hosts/browser.ts';
import { activateBackend, tfBackendInit, type BackendResult } from './backends.ts';
import { execute } from './execute.ts';
import type { ModuleMap } from './modules.ts';
import type { Backend, BackendChoice, FromWorker, ToWorker, TransformersSource } from './protocol.ts';
import { configureTransformers, type TransformersEnv } from './transformers-env.ts';
import { ORT_FILES, TFJS_WASM_FILES } from './wasm-files.ts';

type RunMessage = Extract<ToWorker, { type: 'run' }>;

const scope = globalThis as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};
const post = (message: FromWorker) => scope.postMessage(message);

const kept = new Map<string, unknown>();
const inputs = new InputRequests();
let activeChoice: BackendChoice | undefined;
let activation: BackendResult | undefined;
/** The run in progress, so a lost GPU device can end it. */
let currentRun: number | undefined;
/** Why the kernel can't run code any more (a lost GPU device), once it happened. */
let broken: string | undefined;

/**
 * A lost WebGPU device (driver reset, out of memory) leaves TF.js unable to compute.
 * The run in progress (or else the next one) ends as a crash, which makes the page
 * start a fresh kernel.
 */
let watchingDevice = false;
function watchDeviceLoss(): void {
  // TF.js keeps one WebGPU backend (and device) per worker, even across backend switches.
  if (watchingDevice) return;
  watchingDevice = true;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
  void device?.lost?.then((info) => {
    broken = `the GPU device was lost${info.message ? `: ${info.message}` : info.reason ? ` (${info.reason})` : ''}`;
    if (currentRun !== undefined) post({ type: 'error', runId: currentRun, error: { phase: 'crash', message: broken } });
  });
}

async function prepareBackend(backend: Backend): Promise<void> {
  switch (backend) {
    case 'webgpu': {
      const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
      if (!gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
      if (!(await gpu.requestAdapter())) throw new Error('WebGPU offers no adapter on this device');
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    }
    case 'webgl': {
      if (typeof OffscreenCanvas === 'undefined') throw new Error('no OffscreenCanvas in this browser\'s workers, so no WebGL');
      const canvas = new OffscreenCanvas(1, 1);
      if (!canvas.getContext('webgl2') && !canvas.getContext('webgl')) throw new Error('WebGL is not available (no context on an OffscreenCanvas)');
      return;
    }
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(TFJS_WASM_FILES);
      return;
    }
    case 'cpu':
      return;
  }
}

async function useBackend(choice: BackendChoice): Promise<BackendResult> {
  if (activation && activeChoice === choice) return activation;
  activation = await activateBackend(choice, tfBackendInit(tf, prepareBackend));
  activeChoice = choice;
  if (activation.backend === 'webgpu') watchDeviceLoss();
  return activation;
}

async function loadTransformers(assetBase: string, source: TransformersSource | undefined): Promise<typeof import('@huggingface/transformers')> {
  const transformers = await import('@huggingface/transformers');
  configureTransformers(transformers.env as unknown as TransformersEnv, ORT_FILES, assetBase, source);
  return transformers;
}

async function run(msg: RunMessage): Promise<void> {
  const { runId } = msg;
  if (broken) {
    post({ type: 'error', runId, error: { phase: 'crash', message: broken } });
    return;
  }
  currentRun = runId;
  try {
    const { backend, fallbacks } = await useBackend(msg.backend);
    post({ type: 'backend', runId, backend, fallbacks });
    const importTransformers = () => loadTransformers(msg.assetBase, msg.transformers);
    const modules: ModuleMap = {
      '@tensorflow/tfjs': () => tf,
      '@tensorflow/tfjs-core': () => tf,
      course: () => course,
      '@huggingface/transformers': importTransformers,
    };
    const host = createBrowserHost({ runId, post, params: msg.params, assetBase: msg.assetBase, kept, inputs, importTransformers });
    const { summary, error } = await execute(msg.source, msg.filename, host, modules);
    post(error ? { type: 'error', runId, error } : { type: 'done', runId, summary });
  } catch (err) {
    // The runner itself failed (no backend could start): the kernel can't run code.
    post({ type: 'error', runId, error: { phase: 'crash', message: err instanceof Error ? err.message : String(err) } });
  } finally {
    currentRun = undefined;
  }
}

// Runs queue: a second Run while one is going waits for it, as in a notebook.
let queue = Promise.resolve();
scope.addEventListener('message', (event) => {
  const msg = event.data;
  if (msg.type === 'input-reply') inputs.settle(msg.requestId, msg.value, msg.error);
  else if (msg.type === 'run') queue = queue.then(() => run(msg));
});
post({ type: 'ready' });
