// Loads the weights of a tiny model from the site: the e2e test serves broken copies
// of its model.json and weight file.
import * as tf from '@tensorflow/tfjs';
import { models } from 'course';

const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], name: 'tiny' })] });
await models.loadLayersWeights(model, 'models/lab/tiny/model.json');
const x = tf.tensor2d([[4, 1]]);
const y = model.predict(x) as tf.Tensor;
console.log(`prediction ${(await y.data())[0]}`);
tf.dispose([x, y]);
model.dispose();
