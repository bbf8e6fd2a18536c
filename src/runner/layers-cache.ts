/**
 * TF.js Layers keeps the topological sort of every model graph it executed (fit,
 * predict) in two LRU caches of 100 entries keyed by layer names. Playground code builds
 * a new model each run, so those caches keep the graphs of the last 100 disposed models
 * (layers, weights and their JS objects) alive in the kernel: in the soak test the
 * worker's heap grew 12% over runs 10 to 100 of a tiny model. Emptying the caches when
 * a run ends lets them go; a model kept for the next playground sorts its graph again
 * on its next call, a cost of microseconds.
 */
const FLAG = 'TOPOLOGICAL_SORT_CACHE_MAX_ENTRIES';

export interface TfFlags {
  env(): { getNumber(flag: string): number; set(flag: string, value: number): void };
}

export function forgetModelGraphs(tf: TfFlags): void {
  const env = tf.env();
  const entries = env.getNumber(FLAG);
  // Lowering the limit evicts entries (tfjs-layers' setHook); restoring it keeps the cache for the next run.
  env.set(FLAG, 0);
  env.set(FLAG, entries);
}
