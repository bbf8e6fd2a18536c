// An error thrown inside a function: the runner reports the reader's line.
import * as tf from '@tensorflow/tfjs';

function checkShape(t: tf.Tensor): void {
  if (t.rank !== 2) {
    throw new Error(`expected a matrix, got rank ${t.rank}`);
  }
}

const v = tf.tensor1d([1, 2, 3]);
checkShape(v);
