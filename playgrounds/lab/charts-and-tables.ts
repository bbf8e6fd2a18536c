// The other output kinds: a bar chart, a scatter plot, a table and a notice.
import { barChart, notice, scatterChart, table } from 'course';

barChart({ title: 'Prediction', categories: ['cat', 'dog', 'bird'], values: [0.2, 0.7, 0.1] });

const inside: [number, number][] = [];
const outside: [number, number][] = [];
for (let i = 0; i < 200; i++) {
  const x = Math.cos(i * 1.7) * (i / 200);
  const y = Math.sin(i * 2.3) * (i / 200);
  (x * x + y * y < 0.25 ? inside : outside).push([x, y]);
}
scatterChart({ title: 'Points inside and outside a circle', series: ['inside', 'outside'], xLabel: 'x', yLabel: 'y' }).set([inside, outside]);

table(
  [
    { layer: 'dense', units: 128, params: 100_480 },
    { layer: 'dense_1', units: 10, params: 1_290 },
  ],
  { caption: 'Layers' },
);
notice('info', 'Charts, tables and notices all come from course.');
