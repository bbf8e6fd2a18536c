/**
 * Choosing the TF.js backend: 'auto' tries WebGPU, WebGL, WASM, CPU in that order; an
 * explicit choice that fails falls back down the same order from where it stands. Every
 * fallback is reported with its reason.
 *
 * 'auto' passes over a GPU backend that runs on a software renderer (SwiftShader,
 * llvmpipe: what browsers use without a usable GPU): measured on SwiftShader, WebGPU
 * does about 0.3 GFLOP/s and WebGL 1.6 against 8.7 for WASM, and WebGPU's synchronous
 * reads (`dataSync`) there return zeros and lose the device. Chosen explicitly, they run.
 */
import { BACKENDS, type Backend, type BackendChoice } from './protocol.ts';

/**
 * Makes a backend active, or throws an Error whose message says why it can't.
 * `explicit`: the reader chose this backend (rather than 'auto' or a fallback).
 */
export type BackendInit = (backend: Backend, explicit: boolean) => Promise<void>;

export interface BackendResult {
  backend: Backend;
  fallbacks: { backend: Backend; reason: string }[];
}

export function fallbackChain(choice: BackendChoice): Backend[] {
  if (choice === 'auto') return [...BACKENDS];
  const at = BACKENDS.indexOf(choice);
  if (at === -1) throw new RangeError(`Unknown backend "${String(choice)}": choose one of auto, ${BACKENDS.join(', ')}`);
  return BACKENDS.slice(at);
}

export async function activateBackend(choice: BackendChoice, init: BackendInit): Promise<BackendResult> {
  const fallbacks: BackendResult['fallbacks'] = [];
  for (const backend of fallbackChain(choice)) {
    try {
      await init(backend, backend === choice);
      return { backend, fallbacks };
    } catch (err) {
      fallbacks.push({ backend, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  throw new Error(`No TF.js backend could start: ${fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}

/** What `init` needs from TF.js, so the choice logic is testable without a browser. */
export interface TfBackends {
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  /** `backendName` is null until a backend is set; unlike `getBackend()`, reading it initialises nothing. */
  engine(): { backendName: string | null };
}

/**
 * The common part of every host's init: switch with `tf.setBackend` (which returns false
 * when the backend's own initialisation failed) after `prepare` has registered it.
 */
export function tfBackendInit(tf: TfBackends, prepare: BackendInit): BackendInit {
  return async (backend, explicit) => {
    await prepare(backend, explicit);
    if (tf.engine().backendName === backend) return;
    let ok: boolean;
    try {
      ok = await tf.setBackend(backend);
    } catch (err) {
      throw new Error(`${backend} failed to initialise: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!ok) throw new Error(`${backend} failed to initialise (TF.js could not create it)`);
    await tf.ready();
  };
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|basic render driver|software/i;

/** What a WebGPU adapter says about itself (GPUAdapterInfo and the older adapter flag). */
export interface AdapterInfo {
  vendor?: string | undefined;
  architecture?: string | undefined;
  device?: string | undefined;
  description?: string | undefined;
  isFallbackAdapter?: boolean | undefined;
}

/** The software renderer behind a WebGPU adapter, or undefined for a real GPU. */
export function softwareAdapter(info: AdapterInfo): string | undefined {
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  const match = SOFTWARE_RENDERER.exec(text);
  if (match) return match[0];
  return info.isFallbackAdapter ? 'a fallback adapter' : undefined;
}

/** The software renderer named in a WebGL RENDERER string, or undefined for a real GPU. */
export function softwareWebGL(renderer: string): string | undefined {
  return SOFTWARE_RENDERER.exec(renderer)?.[0];
}

export function softwareReason(backend: 'webgpu' | 'webgl', renderer: string): string {
  return `${backend} runs on a software renderer (${renderer}) here, slower than WASM; choose it explicitly to use it anyway`;
}
