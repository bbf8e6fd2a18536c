/**
 * Loads weights from a TF.js layers-model folder on the site (model.json + .bin shards)
 * into a model the course built in code. Reading through `getHost().fetchAsset` works in
 * the browser worker and under Node alike, and gives byte progress per shard.
 */
import * as tf from '@tensorflow/tfjs';
import { getHost } from '../host.ts';
import { progress } from '../charts.ts';
import { fetchCachedAsset } from '../asset-cache.ts';
import { hashCode } from '../../lib/hash.ts';

const BYTES_PER_VALUE: Record<string, number> = { float32: 4, int32: 4, bool: 1, float16: 2, uint16: 2, uint8: 1 };

/** Bytes a weight occupies in its shard, quantised or not. */
export function weightByteLength(spec: tf.io.WeightsManifestEntry): number {
  const dtype = spec.quantization?.dtype ?? spec.dtype;
  const size = BYTES_PER_VALUE[dtype];
  if (size === undefined) throw new Error(`weight ${spec.name} has unsupported dtype ${dtype}`);
  return spec.shape.reduce((a, b) => a * b, 1) * size;
}

function parseManifest(path: string, bytes: Uint8Array): tf.io.WeightsManifestConfig {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  const manifest = (json as { weightsManifest?: unknown }).weightsManifest;
  if (!Array.isArray(manifest) || manifest.some((g) => !Array.isArray(g?.paths) || !Array.isArray(g?.weights))) {
    throw new Error(`${path} has no valid weightsManifest (a list of { paths, weights })`);
  }
  return manifest as tf.io.WeightsManifestConfig;
}

export interface LoadWeightsOptions {
  /** Label of a byte progress bar over all shards; no bar when omitted. */
  progressLabel?: string;
  /** The model.json bytes, when the caller already fetched them. */
  manifest?: Uint8Array;
  /**
   * Keep the shards in the browser's Cache Storage, keyed by the model.json's hash, so a
   * second visit does not download them again (see asset-cache.ts). Default true.
   */
  cache?: boolean;
}

/**
 * Fetches `modelJsonPath` (site-root relative) and its shards, and sets every weight of
 * `model` from them. Errors name the file at fault.
 */
export async function loadLayersWeights(
  model: tf.LayersModel,
  modelJsonPath: string,
  options: LoadWeightsOptions = {},
): Promise<void> {
  const host = getHost();
  const manifestBytes = options.manifest ?? (await host.fetchAsset(modelJsonPath));
  const manifest = parseManifest(modelJsonPath, manifestBytes);
  const version = hashCode(new TextDecoder().decode(manifestBytes));
  let fromCache = 0;
  const dir = modelJsonPath.slice(0, modelJsonPath.lastIndexOf('/') + 1);
  const specs = manifest.flatMap((group) => group.weights);
  const total = specs.reduce((sum, spec) => sum + weightByteLength(spec), 0);
  const bar = options.progressLabel ? progress(options.progressLabel, total, { unit: 'bytes' }) : undefined;

  const shards: ArrayBuffer[] = [];
  let done = 0;
  for (const group of manifest) {
    for (const shardPath of group.paths) {
      let bytes: Uint8Array;
      try {
        const onProgress = (loaded: number) => bar?.update(done + loaded);
        if (options.cache === false) bytes = await host.fetchAsset(dir + shardPath, onProgress);
        else {
          const shard = await fetchCachedAsset(dir + shardPath, version, onProgress);
          bytes = shard.bytes;
          if (shard.fromCache) fromCache += bytes.byteLength;
        }
      } catch (e) {
        // The shard's own error names its URL; the reader also needs to know which model wants it.
        throw new Error(`${modelJsonPath}: its weight file ${shardPath} could not be read (${(e as Error).message})`);
      }
      done += bytes.byteLength;
      shards.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
  }
  if (done !== total) {
    throw new Error(`${modelJsonPath}: its shards hold ${done} bytes but its weightsManifest describes ${total}`);
  }
  if (fromCache === total) bar?.update(total, `${options.progressLabel}: read from this browser's cache, no download`);
  bar?.done();

  const weights = tf.io.decodeWeights(shards, specs);
  try {
    model.loadWeights(weights, true);
  } catch (e) {
    throw new Error(`${modelJsonPath} does not fit model "${model.name}": ${(e as Error).message}`);
  } finally {
    tf.dispose(weights);
  }
}
