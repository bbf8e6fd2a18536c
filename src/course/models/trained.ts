/**
 * Models the course trained itself and ships with the site (small checkpoints committed
 * under `public/trained/<name>/`, each made by a committed script in `scripts/train/`):
 * a whole TF.js layers model, topology and weights, loaded through the host so it works
 * in the browser worker and under Node alike.
 */
import * as tf from '@tensorflow/tfjs';
import { getHost } from '../host.ts';

/** The site path of a course-trained model's model.json. */
export function trainedModelPath(name: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new RangeError(`models.trained: "${name}" is not a model name (lower-case letters, digits and dashes, e.g. "cartpole")`);
  return `trained/${name}/model.json`;
}

/**
 * Loads the course's trained model `name`, e.g. `await models.trained('cartpole')`.
 * Errors name the file at fault.
 */
export async function trained(name: string): Promise<tf.LayersModel> {
  const host = getHost();
  const path = trainedModelPath(name);
  const bytes = await host.fetchAsset(path);
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes)) as tf.io.ModelJSON;
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!json.modelTopology || !Array.isArray(json.weightsManifest)) throw new Error(`${path} is not a TF.js layers model (no modelTopology or weightsManifest)`);
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  const shards = await Promise.all(
    json.weightsManifest.flatMap((group) => group.paths).map(async (shard) => {
      try {
        return await host.fetchAsset(dir + shard);
      } catch (e) {
        throw new Error(`${path}: its weight file ${shard} could not be read (${(e as Error).message})`);
      }
    }),
  );
  const weightData = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  let offset = 0;
  for (const s of shards) {
    weightData.set(s, offset);
    offset += s.length;
  }
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: weightData.buffer }),
  );
}
