/**
 * The kernel's message handling, apart from the Worker it lives in (worker.ts) so it can
 * be tested with a fake `post`: runs queue one after another, each picks its backend,
 * runs through `execute` with a browser host, and ends in `done` or `error`; the page's
 * input replies settle pending `input.*` requests.
 */
import { createBrowserHost, InputRequests } from '../course/hosts/browser.ts';
import { activateBackend, tfBackendInit, type BackendInit, type BackendResult, type TfBackends } from './backends.ts';
import { execute } from './execute.ts';
import type { ModuleMap } from './modules.ts';
import { hashCode } from '../lib/hash.ts';
import type { Backend, BackendChoice, FromWorker, ToWorker } from './protocol.ts';

export type RunMessage = Extract<ToWorker, { type: 'run' }>;

type Transformers = typeof import('@huggingface/transformers');

export interface KernelDeps {
  post(message: FromWorker): void;
  /** The kernel's TF.js. */
  tf: TfBackends & { backend(): unknown };
  /** Registers/checks a backend before TF.js switches to it; throws why it can't. */
  prepareBackend: BackendInit;
  /** Transformers.js configured for a run's asset base and model source. */
  importTransformers(run: RunMessage): Promise<Transformers>;
  /** Called when a backend becomes active (after fallbacks, or switched to by the code), e.g. to adjust it. */
  onActivated?(backend: Backend): void;
  /** How many threads the active backend computes with, when it can tell (WASM). */
  threads?(): number | undefined;
  /** The modules playground code can import, given this run's Transformers.js loader. */
  modules(importTransformers: () => Promise<Transformers>): ModuleMap;
}

export interface Kernel {
  receive(message: ToWorker): void;
  /** Resolves when every run received so far has ended. */
  idle(): Promise<void>;
}

export function createKernel(deps: KernelDeps): Kernel {
  const { tf } = deps;
  /** A run that ended as a crash: whatever it still sends is dropped. */
  let crashedRun: number | undefined;
  const post = (message: FromWorker) => {
    if ('runId' in message && message.runId === crashedRun) return;
    deps.post(message);
  };
  const kept = new Map<string, unknown>();
  const inputs = new InputRequests();
  let activeChoice: BackendChoice | undefined;
  let activation: BackendResult | undefined;
  /** The run in progress, so a lost GPU device can end it. */
  let currentRun: number | undefined;
  /** Why the kernel can't run code any more (a lost GPU device), once it happened. */
  let broken: string | undefined;
  let watchingDevice = false;

  /**
   * A lost WebGPU device (driver reset, out of memory) leaves TF.js unable to compute.
   * The run in progress (or else the next one) ends as a crash, which makes the page
   * start a fresh kernel. TF.js keeps one WebGPU backend (and device) per worker.
   */
  function watchDeviceLoss(): void {
    if (watchingDevice) return;
    watchingDevice = true;
    const device = (tf.backend() as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
    void device?.lost?.then((info) => {
      broken = `the GPU device was lost${info.message ? `: ${info.message}` : info.reason ? ` (${info.reason})` : ''}`;
      if (currentRun !== undefined) {
        post({ type: 'error', runId: currentRun, error: { phase: 'crash', message: broken } });
        crashedRun = currentRun;
      }
    });
  }

  async function useBackend(choice: BackendChoice): Promise<BackendResult> {
    // A playground may have switched backends (course.useBackend) and stopped before
    // switching back, so the cache holds only while TF.js still runs what it says.
    if (activation && activeChoice === choice && tf.engine().backendName === activation.backend) return activation;
    activation = await activateBackend(choice, tfBackendInit(tf, deps.prepareBackend));
    activeChoice = choice;
    deps.onActivated?.(activation.backend);
    if (activation.backend === 'webgpu') watchDeviceLoss();
    return activation;
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
      const importTransformers = () => deps.importTransformers(msg);
      const switchBackend = async (backend: Backend) => {
        await tfBackendInit(tf, deps.prepareBackend)(backend, true);
        deps.onActivated?.(backend);
      };
      const originals = msg.playgrounds ?? {};
      const code = { path: msg.filename, originals, edited: originals[msg.filename] !== undefined && originals[msg.filename] !== hashCode(msg.source) };
      const host = createBrowserHost({ runId, post, params: msg.params, assetBase: msg.assetBase, kept, inputs, importTransformers, switchBackend, code });
      const { summary, error } = await execute(msg.source, msg.filename, host, deps.modules(importTransformers));
      const threads = tf.engine().backendName === 'wasm' ? deps.threads?.() : undefined;
      const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
      post(error ? { type: 'error', runId, error } : { type: 'done', runId, summary: { ...summary, isolated, ...(threads !== undefined && { threads }) } });
    } catch (err) {
      // The runner itself failed (no backend could start): the kernel can't run code.
      post({ type: 'error', runId, error: { phase: 'crash', message: err instanceof Error ? err.message : String(err) } });
    } finally {
      currentRun = undefined;
    }
  }

  // A Run while another is going waits for it, as in a notebook.
  let queue = Promise.resolve();
  return {
    receive(msg) {
      if (msg.type === 'input-reply') inputs.settle(msg.requestId, msg.value, msg.error);
      else if (msg.type === 'run') queue = queue.then(() => run(msg));
    },
    idle: () => queue,
  };
}
