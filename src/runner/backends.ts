/**
 * Choosing the TF.js backend: 'auto' tries WebGPU, WebGL, WASM, CPU in that order; an
 * explicit choice that fails falls back down the same order from where it stands. Every
 * fallback is reported with its reason.
 */
import { BACKENDS, type Backend, type BackendChoice } from './protocol.ts';

/** Makes a backend active, or throws an Error whose message says why it can't. */
export type BackendInit = (backend: Backend) => Promise<void>;

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
      await init(backend);
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
export function tfBackendInit(tf: TfBackends, prepare: (backend: Backend) => Promise<void>): BackendInit {
  return async (backend) => {
    await prepare(backend);
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
