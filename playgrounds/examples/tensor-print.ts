// Tensors print with their shape, dtype and (abbreviated) values.
import * as tf from '@tensorflow/tfjs';
import { table, backend } from 'course';

const a = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
const b = a.mul(2);
const r = tf.range(0, 100);
console.log('a * 2 =', b);
console.info('a range:', r);
table({ backend: [backend()], elements: [b.size] }, { caption: 'What ran' });
tf.dispose([a, b, r]);
