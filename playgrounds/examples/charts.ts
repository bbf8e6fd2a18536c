// Every kind of chart, plus a progress bar over a loop and a table of results.
import * as tf from '@tensorflow/tfjs';
import { barChart, lineChart, progress, scatterChart, table } from 'course';

const POINTS = 50;

// A bar per class: the softmax of some scores.
const probs = tf.tidy(() => tf.softmax(tf.tensor1d([2, 1, 0.1])).arraySync() as number[]);
barChart({ title: 'Prediction', categories: ['cat', 'dog', 'bird'], values: probs, yLabel: 'probability' });

// Two clusters of points.
const clusters = [0, 3].map((centre, i) =>
  tf.tidy(() => tf.randomNormal([POINTS, 2], centre, 0.5, 'float32', i + 1).arraySync() as [number, number][]),
);
scatterChart({ title: 'Two clusters', series: ['a', 'b'], xLabel: 'x', yLabel: 'y' }).set(clusters);

// A curve drawn point by point, with a progress bar.
const curve = lineChart({ title: 'sin(x)', series: ['sin'], xLabel: 'x' });
const bar = progress('Drawing', POINTS);
for (let i = 0; i < POINTS; i++) {
  const x = (i / POINTS) * 2 * Math.PI;
  curve.push('sin', x, Math.sin(x));
  bar.update(i + 1);
}
bar.done();

table(
  probs.map((p, i) => ({ class: ['cat', 'dog', 'bird'][i]!, probability: Number(p.toFixed(3)) })),
  { caption: 'Softmax' },
);
