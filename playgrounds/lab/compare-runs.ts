// A chart that keeps the curves of earlier runs: change the slope, run again, compare.
import { lineChart, param } from 'course';

const SLOPE = param('slope', 1, { min: 1, max: 5 });
const chart = lineChart({ title: 'y = slope * x', series: ['y'], xLabel: 'x', compareRuns: true });
for (let x = 0; x <= 10; x++) chart.push('y', x, SLOPE * x);
