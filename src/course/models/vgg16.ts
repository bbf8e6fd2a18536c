/**
 * VGG16 (Simonyan & Zisserman 2014) built with tf.layers in the exact layer layout and
 * names of `keras.applications.VGG16`, so the Keras ImageNet weights converted by
 * scripts/convert/keras-h5-to-tfjs.ts load into it by name.
 */
import * as tf from '@tensorflow/tfjs';
import { getHost } from '../host.ts';
import { loadLayersWeights } from './layers-weights.ts';
import { isOutOfMemory } from '../../runner/out-of-memory.ts';

export const VGG16_INPUT_SHAPE: readonly [number, number, number] = [224, 224, 3];

/** Filters per conv layer of each block; each block ends in a 2x2 max-pool. */
const BLOCKS: readonly (readonly number[])[] = [
  [64, 64],
  [128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [512, 512, 512],
];

/** Parameter counts of keras.applications.VGG16, which the tests hold buildVgg16 to. */
export const VGG16_PARAMS = { full: 138_357_544, notop: 14_714_688 } as const;

/** Site-root-relative folders written by `npm run assets`. */
export const VGG16_WEIGHTS_PATHS = {
  full: 'models/vgg16/full/model.json',
  notop: 'models/vgg16/notop/model.json',
} as const;

export interface Vgg16Options {
  /** With the 3 dense layers (fc1, fc2, predictions) that classify into 1000 ImageNet classes. */
  includeTop?: boolean;
  /** 'imagenet' loads the pretrained weights when the site has them; null keeps random ones. */
  weights?: 'imagenet' | null;
  /** Only without the top: the input size, at least 32x32 (the top needs 224x224x3). */
  inputShape?: [number, number, number];
}

export interface Vgg16Result {
  model: tf.LayersModel;
  /** False when the model has random weights: its outputs mean nothing yet. */
  trained: boolean;
  /** The site serves stand-in weights (scripts/fixtures/vgg16-stand-in.ts, e2e builds): random, like `trained: false`. */
  standIn?: boolean;
}

/** The stand-in note of a model.json written by scripts/fixtures/vgg16-stand-in.ts, if it is one. */
function standInNote(manifest: Uint8Array): string | undefined {
  try {
    const note = (JSON.parse(new TextDecoder().decode(manifest)) as { userDefinedMetadata?: { standIn?: unknown } }).userDefinedMetadata?.standIn;
    return typeof note === 'string' ? note : undefined;
  } catch {
    return undefined; // loadLayersWeights names the broken file
  }
}

export interface BuildVgg16Options {
  includeTop?: boolean;
  inputShape?: readonly [number, number, number];
  /**
   * 'zeros' when weights are loaded right after: drawing the 138 million random numbers
   * of the default initialiser takes seconds that would be thrown away.
   */
  initializer?: 'glorotUniform' | 'zeros';
}

/** The architecture alone, with freshly initialised weights. */
export function buildVgg16(options: BuildVgg16Options = {}): tf.LayersModel {
  const { includeTop = true, inputShape = VGG16_INPUT_SHAPE, initializer = 'glorotUniform' } = options;
  const [height, width, channels] = inputShape;
  if (includeTop && (height !== 224 || width !== 224 || channels !== 3)) {
    throw new Error(`VGG16 with includeTop needs input shape [224, 224, 3], got [${inputShape.join(', ')}]`);
  }
  if (height < 32 || width < 32 || channels !== 3) {
    throw new Error(`VGG16 needs an RGB input of at least 32x32, got [${inputShape.join(', ')}]`);
  }
  const init = { kernelInitializer: initializer, biasInitializer: 'zeros' } as const;
  const input = tf.input({ shape: [height, width, channels], name: 'input_1' });
  let x: tf.SymbolicTensor = input;
  BLOCKS.forEach((filters, b) => {
    filters.forEach((f, c) => {
      x = tf.layers
        .conv2d({ filters: f, kernelSize: 3, padding: 'same', activation: 'relu', name: `block${b + 1}_conv${c + 1}`, ...init })
        .apply(x) as tf.SymbolicTensor;
    });
    x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `block${b + 1}_pool` }).apply(x) as tf.SymbolicTensor;
  });
  if (includeTop) {
    x = tf.layers.flatten({ name: 'flatten' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dense({ units: 4096, activation: 'relu', name: 'fc1', ...init }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dense({ units: 4096, activation: 'relu', name: 'fc2', ...init }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dense({ units: 1000, activation: 'softmax', name: 'predictions', ...init }).apply(x) as tf.SymbolicTensor;
  }
  return tf.model({ inputs: input, outputs: x, name: 'vgg16' });
}

/**
 * VGG16 with ImageNet weights when the site serves them (`npm run assets` converts the
 * Keras files into public/models/vgg16/). Without them it returns the untrained model,
 * `trained: false`, and shows the reader a warning with the command that fetches them.
 */
export async function vgg16(options: Vgg16Options = {}): Promise<Vgg16Result> {
  const { includeTop = true, weights = 'imagenet', inputShape = VGG16_INPUT_SHAPE } = options;
  if (weights === null) return { model: buildVgg16({ includeTop, inputShape }), trained: false };

  const path = includeTop ? VGG16_WEIGHTS_PATHS.full : VGG16_WEIGHTS_PATHS.notop;
  let manifest: Uint8Array;
  try {
    manifest = await getHost().fetchAsset(path);
  } catch (e) {
    getHost().emit({
      kind: 'html-note',
      tone: 'warning',
      text:
        `This site has no VGG16 ImageNet weights (${(e as Error).message}). ` +
        'This model has random weights, so its predictions mean nothing. ' +
        'To fetch and convert the weights, run this in the project folder, then rebuild the site:',
      command: 'npm run assets',
    });
    return { model: buildVgg16({ includeTop, inputShape }), trained: false };
  }
  const standIn = standInNote(manifest);
  let model!: tf.LayersModel; // set in the try below, which throws otherwise
  try {
    model = buildVgg16({ includeTop, inputShape, initializer: 'zeros' });
    await loadLayersWeights(model, path, {
      manifest,
      progressLabel: `${standIn ? 'Stand-in' : 'ImageNet'} VGG16 weights (${includeTop ? 'with' : 'without'} top)`,
    });
  } catch (e) {
    model?.dispose();
    const message = (e as Error).message;
    // Phones give a page far less memory than the 553 MB the full model needs as float32.
    // The original message stays in, so the kernel still recognises the failure and restarts.
    if (includeTop && isOutOfMemory(message)) {
      throw new RangeError(
        `VGG16 with its top needs about ${Math.round((VGG16_PARAMS.full * 4) / 1e6)} MB of memory for its weights, and this browser ran out (${message}). ` +
          `Without the top it needs ${Math.round((VGG16_PARAMS.notop * 4) / 1e6)} MB: vgg16({ includeTop: false }), as the transfer-learning playgrounds use it.`,
      );
    }
    throw e;
  }
  if (standIn) {
    getHost().emit({
      kind: 'html-note',
      tone: 'warning',
      text:
        `This site serves stand-in VGG16 weights (${standIn}). ` +
        'The model is untrained, so its predictions mean nothing. For the real ImageNet weights, run this in the project folder, then rebuild the site:',
      command: 'npm run assets',
    });
    return { model, trained: false, standIn: true };
  }
  return { model, trained: true };
}
