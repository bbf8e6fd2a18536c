// A fixed computation whose result must agree on every backend (up to float rounding).
import * as tf from '@tensorflow/tfjs';
import { backend } from 'course';

const a = tf.randomNormal([64, 64], 0, 1, 'float32', 42);
const b = tf.randomNormal([64, 64], 0, 1, 'float32', 43);
const result = tf.tidy(() => tf.matMul(a, b).relu().mean());
console.log(`backend ${backend()} result ${(await result.data())[0]!.toFixed(6)}`);
tf.dispose([a, b, result]);
