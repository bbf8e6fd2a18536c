// Forgets to dispose a tensor: the page warns that tensors were left allocated.
import * as tf from '@tensorflow/tfjs';

const kept = tf.ones([8, 8]);
console.log(`created a ${kept.shape.join('x')} tensor and kept it`);
