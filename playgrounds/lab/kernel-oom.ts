// Allocates tensors and never disposes them, until the kernel runs out of memory.
import * as tf from '@tensorflow/tfjs';
import { param } from 'course';

const MEGABYTES = param('megabytes', 256);

const held: tf.Tensor[] = [];
for (;;) {
  held.push(tf.zeros([MEGABYTES * 2 ** 18])); // float32: 4 bytes a value
  if (held.length % 4 === 0) console.log(`holding ${held.length * MEGABYTES} MB`);
}
