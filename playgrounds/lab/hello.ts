// The smallest playground: a tensor, a sum, a printed result.
import * as tf from '@tensorflow/tfjs';

const numbers = tf.tensor1d([1, 2, 3, 4]);
const total = numbers.sum();
console.log(`sum = ${(await total.data())[0]}`);
tf.dispose([numbers, total]);
