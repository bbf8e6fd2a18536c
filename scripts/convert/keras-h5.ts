/**
 * Reads a Keras HDF5 weights file (what `model.save_weights('x.h5')` writes, and the
 * layout of the keras-applications downloads): the root attribute `layer_names` lists
 * the layers in model order, each layer's group has a `weight_names` attribute, and each
 * weight is the dataset at `<layer>/<weight name>` (old files: `block1_conv1_W_1:0`,
 * newer ones: `block1_conv1/kernel:0`). Names come from the file, never from a list here.
 */
import h5wasm from 'h5wasm/node';
import type { NamedWeight } from './tfjs-weights.ts';

export interface KerasLayerWeights {
  layer: string;
  /** In the file's order, which Keras uses as the layer's weight order (kernel, bias). */
  weights: NamedWeight[];
}

/**
 * HDF5 string-list attributes read back as a string, a list, or (h5py's empty list) an
 * empty numeric array. h5py writes numpy's fixed-length, NUL-padded strings: strip the pad.
 */
function stringList(file: string, where: string, value: unknown): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (ArrayBuffer.isView(list) && (list as unknown as ArrayLike<unknown>).length === 0) return [];
  if (Array.isArray(list) && list.every((v) => typeof v === 'string')) return list.map((v) => v.replace(/\0+$/, ''));
  throw new Error(`${file}: attribute ${where} is not a list of names`);
}

export async function readKerasWeights(file: string): Promise<KerasLayerWeights[]> {
  await h5wasm.ready;
  let h5: InstanceType<typeof h5wasm.File>;
  try {
    h5 = new h5wasm.File(file, 'r');
  } catch (e) {
    throw new Error(`${file} is not a readable HDF5 file: ${(e as Error).message}`);
  }
  try {
    // Full-model files (model.save) keep the weights under /model_weights.
    const root = h5.get('model_weights') instanceof h5wasm.Group ? (h5.get('model_weights') as InstanceType<typeof h5wasm.Group>) : h5;
    const layerNamesAttr = root.attrs['layer_names'];
    if (!layerNamesAttr) {
      throw new Error(`${file} has no 'layer_names' attribute: not a Keras weights file`);
    }
    const layers: KerasLayerWeights[] = [];
    for (const layer of stringList(file, 'layer_names', layerNamesAttr.value)) {
      const group = root.get(layer);
      if (!(group instanceof h5wasm.Group)) throw new Error(`${file}: layer '${layer}' is listed but has no group`);
      const namesAttr = group.attrs['weight_names'];
      const names = namesAttr ? stringList(file, `${layer}/weight_names`, namesAttr.value) : [];
      const weights = names.map((name): NamedWeight => {
        const ds = group.get(name);
        if (!(ds instanceof h5wasm.Dataset)) throw new Error(`${file}: weight '${layer}/${name}' is listed but missing`);
        const value = ds.value;
        if (!(value instanceof Float32Array || value instanceof Float64Array)) {
          throw new Error(`${file}: weight '${layer}/${name}' is not a float array (dtype ${String(ds.dtype)})`);
        }
        return { name, shape: ds.shape ?? [], values: value instanceof Float32Array ? value : new Float32Array(value) };
      });
      layers.push({ layer, weights });
    }
    return layers;
  } finally {
    h5.close();
  }
}
