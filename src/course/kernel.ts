/** Parameters, kept values and the active backend: what a run knows about its kernel. */
import * as tf from '@tensorflow/tfjs';
import type { Backend, ParamValue } from '../runner/protocol.ts';
import { getHost } from './host.ts';
import { loadStoredModel, storeModel } from './stored-models.ts';

/**
 * How the page shows a parameter as a control above the code (read from the source at
 * build time, so every value here must be a literal): a number input by default, a
 * slider with `min` and `max`, a select with `choices`.
 */
export interface ParamOptions<T extends ParamValue = ParamValue> {
  /** Shown next to the control; default the parameter's name. */
  label?: string;
  min?: number;
  max?: number;
  step?: number;
  choices?: readonly T[];
}

/**
 * A named parameter: the value given for this run (the reader's control on the page, a
 * chapter's setting, a test's smaller size) or else `defaultValue`. The given value must
 * have the default's type, and be one of `choices` when there are choices.
 *
 * @example const EPOCHS = param('epochs', 10, { min: 1, max: 50 });
 */
export function param<T extends ParamValue>(
  name: string,
  defaultValue: T,
  options: ParamOptions<T extends number ? number : T extends string ? string : boolean> = {},
): T extends number ? number : T extends string ? string : boolean {
  const given = getHost().params[name];
  if (given === undefined) return defaultValue as never;
  if (typeof given !== typeof defaultValue) {
    throw new TypeError(`param "${name}": expected a ${typeof defaultValue} like its default ${JSON.stringify(defaultValue)}, got ${typeof given} ${JSON.stringify(given)}`);
  }
  if (options.choices && !options.choices.includes(given as never)) {
    throw new RangeError(`param "${name}": ${JSON.stringify(given)} is not one of ${options.choices.map((c) => JSON.stringify(c)).join(', ')}`);
  }
  return given as never;
}

export interface KeepOptions {
  /**
   * Also store the value (a `tf.LayersModel`) in this browser, so a reload or a later
   * visit gets it back from `recall` without training again.
   */
  persist?: boolean;
}

/**
 * Keeps a value (a trained model) in the page's kernel so later playgrounds on the page
 * can `recall` it. Replaces an earlier value of the same name. With `persist`, a model
 * is also stored in the browser; a browser that refuses (full quota, private mode) gets a
 * notice and the run goes on.
 *
 * @example await keep('mnist-model', model, { persist: true });
 */
export async function keep<T>(name: string, value: T, options: KeepOptions = {}): Promise<T> {
  const host = getHost();
  host.kept.set(name, value);
  if (options.persist) await storeModel(host, name, value);
  return value;
}

export interface RecallOptions {
  /** The playground that keeps this value, named in the error when it hasn't run. */
  from: string;
}

/**
 * A value an earlier run kept with `keep`, or else a model stored in this browser by an
 * earlier visit (`keep(..., { persist: true })`). A stored model trained by an older
 * version of its playground is used only if the reader says so. Throws an error telling
 * the reader which playground to run first when there is none.
 *
 * @example const model = await recall<tf.LayersModel>('mnist-model', { from: 'Train the model' });
 */
export async function recall<T>(name: string, options: RecallOptions): Promise<T> {
  const host = getHost();
  if (!host.kept.has(name)) {
    const stored = await loadStoredModel(host, name, options.from);
    if (stored === undefined) {
      throw new Error(`"${name}" is not available yet: run the playground "${options.from}" first (it keeps "${name}" for the playgrounds after it).`);
    }
    host.kept.set(name, stored);
  }
  return host.kept.get(name) as T;
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
