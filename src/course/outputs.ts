/**
 * The order outputs reach the page in. Some outputs need an async step first: on GPU
 * backends tensor values are read with `data()`, because `dataSync()` on WebGPU is slow
 * and in a worker can return zeros. Playground code doesn't await `console.log`, so
 * outputs go through one queue: a later output never overtakes an earlier one.
 */
import * as tf from '@tensorflow/tfjs';
import type { Output } from '../runner/protocol.ts';
import { getHost, type CourseHost } from './host.ts';

/**
 * Whether these tensors are read at once with `dataSync()`: tensors of this TF.js on the
 * CPU-side backends, where that is cheap, so a loop that never yields still streams its
 * output. On GPU backends (and for anything else tensor-like) outputs read with `data()`.
 */
export function readsAtOnce(tensors: readonly unknown[]): boolean {
  const backend = tf.engine().backendName;
  return (backend === 'cpu' || backend === 'wasm') && tensors.every((t) => t instanceof tf.Tensor);
}

let tail: Promise<void> | undefined;

/** Sends an output, or one that is still being prepared, after everything sent before it. */
export function send(output: Output | Promise<Output>, host: CourseHost = getHost()): void {
  if (!tail && !(output instanceof Promise)) {
    host.emit(output);
    return;
  }
  const next = (tail ?? Promise.resolve()).then(async () => {
    try {
      host.emit(await output);
    } catch (err) {
      host.emit({ kind: 'log', level: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  });
  tail = next;
  void next.then(() => {
    if (tail === next) tail = undefined;
  });
}

/** Resolves when every output sent so far has reached the host. */
export async function drainOutputs(): Promise<void> {
  while (tail) await tail;
}
