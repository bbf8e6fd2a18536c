// Tensors: how TensorFlow.js holds numbers, frees them and hands them back to JavaScript.
import * as tf from '@tensorflow/tfjs';
import { backend } from 'course';

const initial = tf.memory().numTensors;

// A tensor: numbers with a shape and a type, stored by the backend that computes with
// them (on WebGPU, in the graphics card's memory).
const a = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
console.log('a =', a);
console.log(`a has shape [${a.shape}] and dtype ${a.dtype}, and lives on the ${backend()} backend`);

// Operations never change a tensor: each returns a new one.
const b = a.mul(10);
console.log('a * 10 =', b);

// Reading values back into JavaScript: data() gives a flat typed array, array() nested
// arrays, once the backend has finished computing them. Both return a Promise, so we
// await them. (dataSync() returns the values without await, but stops everything until
// the backend has finished; on WebGPU that is slow. The course always awaits data().)
console.log('await b.data()  ->', Array.from(await b.data()));
console.log('await b.array() ->', JSON.stringify(await b.array()));

// JavaScript's garbage collector does not see the backend's memory, so tensors are freed
// by hand: dispose() one, or tf.dispose([...]) several.
const start = tf.memory().numTensors;
const squares = a.square();
const total = squares.sum();
console.log(`a.square().sum() made ${tf.memory().numTensors - start} new tensors (the squares and their sum)`);
tf.dispose([squares, total]);
console.log(`after tf.dispose: ${tf.memory().numTensors - start} new tensors`);

// tf.tidy(fn) frees every tensor made inside fn except the one fn returns.
const tidyTotal = tf.tidy(() => a.square().sum());
console.log(`tf.tidy(() => a.square().sum()) kept ${tf.memory().numTensors - start} new tensor: its result, ${(await tidyTotal.data())[0]}`);

// A variable: a tensor whose values can be replaced in place. The weights a model learns
// are variables; training assigns them new values step after step. (tidy frees the
// zeros the variable copies; it never frees a variable.)
const w = tf.tidy(() => tf.variable(tf.zeros([3])));
tf.tidy(() => w.assign(tf.tensor1d([0.5, -1, 2])));
console.log('w after w.assign([0.5, -1, 2]) =', w);

tf.dispose([a, b, tidyTotal, w]);
console.log(`tensors this playground left allocated: ${tf.memory().numTensors - initial}`);
