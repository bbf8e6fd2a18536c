/**
 * The order outputs reach the page in. Some outputs need an async step first: tensor
 * values are read with `data()`, because `dataSync()` on WebGPU is slow and in a worker
 * can return nothing. Playground code doesn't await `console.log`, so outputs go
 * through one queue: a later output never overtakes an earlier one.
 */
import type { Output } from '../runner/protocol.ts';
import { getHost, type CourseHost } from './host.ts';

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
