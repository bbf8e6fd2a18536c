/**
 * Converts Keras HDF5 weights into a TF.js layers model (model.json + 4 MiB shards) for a
 * model the course builds in code, then checks the result: it loads the written files with
 * tf.loadLayersModel and compares their output with the float32 weights on a fixed input,
 * which measures what float16/uint8 quantisation costs.
 *
 *   node scripts/convert/keras-h5-to-tfjs.ts <vgg16 weights.h5> <outDir> [--quantize float32|float16|uint8]
 *
 * The CLI (and `npm run assets`, see vgg16-assets.ts) converts the keras-applications
 * VGG16 files into the course's VGG16.
 */
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { readKerasWeights, type KerasLayerWeights } from './keras-h5.ts';
import { fileModelHandler } from './node-io.ts';
import { DEFAULT_SHARD_BYTES, QUANTIZATIONS, writeLayersModel, type NamedWeight, type Quantization } from './tfjs-weights.ts';

/**
 * Pairs every weight of `model` with the file's weight of the same layer name, in the
 * file's order (Keras' own rule), checking counts and shapes. Weights get TF.js names
 * (`block1_conv1/kernel`) because that is how LayersModel.loadWeights finds them.
 */
export function matchWeights(model: tf.LayersModel, layers: KerasLayerWeights[], file: string): NamedWeight[] {
  const byName = new Map(layers.map((l) => [l.layer, l]));
  const modelLayers = model.layers.filter((l) => l.weights.length > 0);
  const modelNames = new Set(modelLayers.map((l) => l.name));
  const extra = layers.filter((l) => l.weights.length > 0 && !modelNames.has(l.layer)).map((l) => l.layer);
  if (extra.length > 0) {
    throw new Error(`${file} has weights for layers the model "${model.name}" lacks: ${extra.join(', ')}`);
  }
  return modelLayers.flatMap((layer) => {
    const found = byName.get(layer.name);
    if (!found) throw new Error(`${file} has no weights for layer '${layer.name}' of model "${model.name}"`);
    if (found.weights.length !== layer.weights.length) {
      throw new Error(
        `${file}: layer '${layer.name}' has ${found.weights.length} weights in the file, ${layer.weights.length} in the model`,
      );
    }
    return layer.weights.map((target, i) => {
      const source = found.weights[i];
      if (source.shape.join() !== target.shape.join()) {
        throw new Error(
          `${file}: weight '${layer.name}/${source.name}' has shape [${source.shape.join(', ')}], ` +
            `the model's '${target.originalName}' needs [${target.shape.join(', ')}]`,
        );
      }
      return { name: target.originalName, shape: source.shape, values: source.values };
    });
  });
}

export interface ConversionReport {
  outDir: string;
  files: string[];
  quantization: Quantization;
  weightBytes: number;
  maxWeightError: number;
  /** Largest |output(converted) - output(float32 weights)| on the check input. */
  maxOutputError: number;
  /** Largest |output| of the float32 model on the check input, to read the error against. */
  outputScale: number;
}

export interface ConvertOptions {
  h5Path: string;
  /**
   * Built in code; gives the topology and receives the weights. A function gets the
   * file's layer names first (e.g. to choose VGG16 with or without its top).
   */
  model: tf.LayersModel | ((layerNames: string[]) => tf.LayersModel);
  outDir: string;
  quantization?: Quantization;
  shardSize?: number;
  /** Range of the seeded uniform input used for the output check. */
  checkInputRange?: [number, number];
}

export async function convertKerasH5ToTfjs(options: ConvertOptions): Promise<ConversionReport> {
  const { h5Path, outDir, quantization = 'float32', shardSize = DEFAULT_SHARD_BYTES } = options;
  const [low, high] = options.checkInputRange ?? [-1, 1];
  const layers = await readKerasWeights(h5Path);
  const model = typeof options.model === 'function' ? options.model(layers.map((l) => l.layer)) : options.model;
  const weights = matchWeights(model, layers, h5Path);
  const written = await writeLayersModel(outDir, model.toJSON(null, false) as object, weights, {
    quantization,
    shardSize,
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
    convertedBy: `deep-learning-in-the-browser scripts/convert/keras-h5-to-tfjs.ts from ${basename(h5Path)}`,
  });

  const inputShape = model.inputs[0].shape.map((d) => d ?? 1);
  const input = tf.randomUniform(inputShape, low, high, 'float32', 42);
  model.loadWeights(Object.fromEntries(weights.map((w) => [w.name, tf.tensor(w.values, w.shape)])), true);
  const reference = model.predict(input) as tf.Tensor;
  const refValues = await reference.data();
  tf.dispose(reference);

  const loaded = await tf.loadLayersModel(fileModelHandler(join(outDir, 'model.json')));
  const output = loaded.predict(input) as tf.Tensor;
  const outValues = await output.data();
  tf.dispose([output, input]);
  loaded.dispose();

  let maxOutputError = 0;
  let outputScale = 0;
  for (let i = 0; i < refValues.length; i++) {
    maxOutputError = Math.max(maxOutputError, Math.abs(outValues[i] - refValues[i]));
    outputScale = Math.max(outputScale, Math.abs(refValues[i]));
  }
  return {
    outDir,
    files: written.files,
    quantization,
    weightBytes: written.weightBytes,
    maxWeightError: written.maxWeightError,
    maxOutputError,
    outputScale,
  };
}

export function formatReport(r: ConversionReport): string {
  const mb = (r.weightBytes / 1e6).toFixed(1);
  return (
    `${r.outDir}: ${r.files.length - 1} shards, ${mb} MB of ${r.quantization} weights; ` +
    `max |weight error| ${r.maxWeightError.toExponential(2)}, ` +
    `max |output error| ${r.maxOutputError.toExponential(2)} (outputs up to ${r.outputScale.toExponential(2)})`
  );
}

/**
 * Converts one of the keras-applications VGG16 weight files into the course's VGG16
 * (with the top when the file has a `predictions` layer).
 */
export async function convertVgg16(h5Path: string, outDir: string, quantization: Quantization): Promise<ConversionReport> {
  await import('@tensorflow/tfjs-backend-wasm');
  // WASM makes the check's VGG16 forward pass take seconds instead of minutes on the CPU backend.
  if (!(await tf.setBackend('wasm'))) await tf.setBackend('cpu');
  const { buildVgg16 } = await import('../../src/course/models/vgg16.ts');
  return convertKerasH5ToTfjs({
    h5Path,
    model: (layerNames) => buildVgg16({ includeTop: layerNames.includes('predictions'), initializer: 'zeros' }),
    outDir,
    quantization,
    // VGG16 sees caffe-preprocessed pixels (mean-subtracted BGR), roughly -125..150.
    checkInputRange: [-125, 150],
  });
}

async function main(argv: string[]): Promise<void> {
  const positional = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const i = argv.indexOf('--quantize');
  const quantization = (i >= 0 ? argv[i + 1] : 'float32') as Quantization;
  const [h5Path, outDir] = positional;
  if (!h5Path || !outDir || !QUANTIZATIONS.includes(quantization)) {
    throw new Error(`usage: keras-h5-to-tfjs.ts <vgg16 weights.h5> <outDir> [--quantize ${QUANTIZATIONS.join('|')}]`);
  }
  console.log(formatReport(await convertVgg16(h5Path, outDir, quantization)));
}

if (import.meta.main) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
