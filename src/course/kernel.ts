/** Parameters, kept values and the active backend: what a run knows about its kernel. */
import * as tf from '@tensorflow/tfjs';
import type { Backend, ParamValue } from '../runner/protocol.ts';
import { getHost } from './host.ts';

/**
 * A named parameter: the value given for this run (tests shrink epochs this way) or
 * else `defaultValue`. The override must have the default's type.
 *
 * @example const EPOCHS = param('epochs', 10);
 */
export function param<T extends ParamValue>(name: string, defaultValue: T): T extends number ? number : T extends string ? string : boolean {
  const given = getHost().params[name];
  if (given === undefined) return defaultValue as never;
  if (typeof given !== typeof defaultValue) {
    throw new TypeError(`param "${name}": expected a ${typeof defaultValue} like its default ${JSON.stringify(defaultValue)}, got ${typeof given} ${JSON.stringify(given)}`);
  }
  return given as never;
}

/**
 * Keeps a value (a trained model) in the page's kernel so later playgrounds on the page
 * can `recall` it. Replaces an earlier value of the same name.
 */
export function keep<T>(name: string, value: T): T {
  getHost().kept.set(name, value);
  return value;
}

export interface RecallOptions {
  /** The playground that keeps this value, named in the error when it hasn't run. */
  from: string;
}

/**
 * A value an earlier run kept with `keep`. Throws an error telling the reader which
 * playground to run first when it isn't there.
 *
 * @example const model = recall<tf.LayersModel>('mnist-model', { from: 'Train the model' });
 */
export function recall<T>(name: string, options: RecallOptions): T {
  const kept = getHost().kept;
  if (!kept.has(name)) {
    throw new Error(`"${name}" is not available yet: run the playground "${options.from}" first (it keeps "${name}" for the playgrounds after it).`);
  }
  return kept.get(name) as T;
}

/**
 * Switches this run to another TF.js backend, loading it first. Rejects with the reason
 * when this browser can't run it (no WebGPU adapter, no WebGL). The next run gets the
 * backend the reader chose again.
 *
 * @example for (const name of ['webgpu', 'wasm'] as const) { await useBackend(name); ... }
 */
export async function useBackend(name: Backend): Promise<void> {
  await getHost().switchBackend(name);
}

/** The TF.js backend this run uses: 'webgpu', 'webgl', 'wasm' or 'cpu'. */
export function backend(): string {
  return tf.getBackend();
}
