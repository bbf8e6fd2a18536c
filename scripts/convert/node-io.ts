/** A TF.js load handler for a layers-model folder on disk (model.json + shards), for Node. */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';

export function fileModelHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      const dir = dirname(modelJsonPath);
      const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
      const weightData = await Promise.all(
        json.weightsManifest.flatMap((group) => group.paths).map(async (p) => {
          const bytes = await readFile(join(dir, p));
          return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        }),
      );
      return { modelTopology: json.modelTopology, format: json.format, weightSpecs, weightData };
    },
  };
}
