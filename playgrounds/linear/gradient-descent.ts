// Fit y = m·x + b by gradient descent, computing the gradients with tf.variableGrads.
import * as tf from '@tensorflow/tfjs';
import { lineChart, param, scatterChart, table } from 'course';

const TRUE_M = 3;
const TRUE_B = 2;
const SAMPLES = 200;

// Learning rate: how far each step moves (m, b). Try 0.5, then 1.2 (it diverges).
const LEARNING_RATE = param('learningRate', 0.1, { min: 0.01, max: 1.5, step: 0.01 });
// Epoch: one pass over all samples. Batch: the samples one step looks at.
const EPOCHS = param('epochs', 30, { min: 1, max: 200, step: 1 });
const BATCH_SIZE = param('batchSize', 20, { choices: [1, 10, 20, 50, 100, 200] });

const x = tf.randomUniform([SAMPLES], -1, 1, 'float32', 7);
const y = tf.tidy(() => x.mul(TRUE_M).add(TRUE_B).add(tf.randomNormal([SAMPLES], 0, 0.3, 'float32', 11)));

// Start from a deliberately bad guess. (tidy frees the scalars the variables copy.)
const m = tf.tidy(() => tf.variable(tf.scalar(-1)));
const b = tf.tidy(() => tf.variable(tf.scalar(0)));
const predict = (xs: tf.Tensor) => xs.mul(m).add(b);
const mseOf = (xs: tf.Tensor, ys: tf.Tensor) => tf.losses.meanSquaredError(ys, predict(xs)) as tf.Scalar;

const xsData = Array.from(await x.data());
const ysData = Array.from(await y.data());
const points = xsData.map((xi, i) => [xi, ysData[i]!] as [number, number]);
const fit = scatterChart({ title: 'The line moves toward the data', xLabel: 'x', yLabel: 'y', series: ['data', 'line'], lines: ['line'] });
const lossChart = lineChart({ title: 'Loss (MSE) after each epoch', xLabel: 'epoch', yLabel: 'MSE', series: ['loss'] });

const batches = Math.ceil(SAMPLES / BATCH_SIZE);
let steps = 0;
let loss = Number.NaN;
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  for (let i = 0; i < batches; i++) {
    // Step: one update of (m, b) from one batch's gradient.
    tf.tidy(() => {
      const size = Math.min(BATCH_SIZE, SAMPLES - i * BATCH_SIZE);
      const xb = x.slice(i * BATCH_SIZE, size);
      const yb = y.slice(i * BATCH_SIZE, size);
      const { grads } = tf.variableGrads(() => mseOf(xb, yb));
      m.assign(m.sub(grads[m.name]!.mul(LEARNING_RATE)));
      b.assign(b.sub(grads[b.name]!.mul(LEARNING_RATE)));
    });
    steps++;
  }
  // await data() reads a value back once the backend has computed it (on every backend).
  const lossTensor = tf.tidy(() => mseOf(x, y));
  loss = (await lossTensor.data())[0]!;
  lossTensor.dispose();
  lossChart.push(0, epoch, loss);
  const [mNow, bNow] = [(await m.data())[0]!, (await b.data())[0]!];
  fit.set([points, [[-1, bNow - mNow], [1, mNow + bNow]]]);
  if (!Number.isFinite(loss) || loss > 1e6) {
    console.warn(`Diverged at epoch ${epoch}: the loss is ${loss}. The learning rate ${LEARNING_RATE} is too large.`);
    break;
  }
  await tf.nextFrame(); // let the charts draw
}

table(
  [
    ['true', TRUE_M, TRUE_B, ''],
    ['learned', (await m.data())[0]!, (await b.data())[0]!, loss],
  ],
  { caption: `After ${steps} steps`, columns: ['', 'm', 'b', 'MSE'] },
);

tf.dispose([x, y, m, b]);
