/**
 * ImageNet class names and a Keras-style `decodePredictions`. The 1000 names come from
 * the class list that `@tensorflow-models/mobilenet` ships (index = ImageNet class id),
 * so the course carries no hand-typed copy of it.
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGENET_CLASSES } from '@tensorflow-models/mobilenet/dist/imagenet_classes.js';

export const IMAGENET_CLASS_COUNT = 1000;

let classes: readonly string[] | undefined;

/** The 1000 ImageNet class names, e.g. `classes[207]` is "golden retriever". */
export function imagenetClasses(): readonly string[] {
  if (!classes) {
    const list = Array.from({ length: IMAGENET_CLASS_COUNT }, (_, i) => IMAGENET_CLASSES[i]);
    const missing = list.findIndex((name) => typeof name !== 'string');
    if (missing >= 0) {
      throw new Error(`@tensorflow-models/mobilenet/dist/imagenet_classes.js has no name for class ${missing}`);
    }
    classes = Object.freeze(list as string[]);
  }
  return classes;
}

export interface Prediction {
  classIndex: number;
  className: string;
  probability: number;
}

/** Indices of the `k` largest values, largest first; ties keep the lower index first. */
export function topKIndices(values: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[b] - values[a] || a - b);
  return order.slice(0, Math.max(0, Math.min(k, values.length)));
}

/**
 * The `topK` most probable ImageNet classes of one prediction: a tensor of shape [1000]
 * or [1, 1000] (what `model.predict` returns for one image), or a plain array.
 */
export async function decodePredictions(probs: tf.Tensor | ArrayLike<number>, topK = 5): Promise<Prediction[]> {
  let values: ArrayLike<number>;
  if (probs instanceof tf.Tensor) {
    const shape = probs.shape;
    const single = shape.length === 1 || (shape.length === 2 && shape[0] === 1);
    if (!single || shape[shape.length - 1] !== IMAGENET_CLASS_COUNT) {
      throw new Error(
        `decodePredictions expects one prediction of shape [${IMAGENET_CLASS_COUNT}] or [1, ${IMAGENET_CLASS_COUNT}], got [${shape.join(', ')}]; ` +
          'for a batch, decode each row (tf.unstack) separately',
      );
    }
    values = await probs.data();
  } else {
    values = probs;
  }
  if (values.length !== IMAGENET_CLASS_COUNT) {
    throw new Error(`decodePredictions expects ${IMAGENET_CLASS_COUNT} class scores, got ${values.length}`);
  }
  const names = imagenetClasses();
  return topKIndices(values, topK).map((i) => ({ classIndex: i, className: names[i], probability: values[i] }));
}
