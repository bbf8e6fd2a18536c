// Anomaly detection with the autoencoder: it learned to rebuild digits, so it rebuilds
// digits well and everything else badly. The reconstruction error is the anomaly score.
import * as tf from '@tensorflow/tfjs';
import { barChart, data, param, recall, scatterChart, table } from 'course';

// Images whose error is above the threshold are flagged as "not a digit".
const THRESHOLD = param('threshold', 0.04, { label: 'threshold (error above it = not a digit)', min: 0.005, max: 0.2, step: 0.005 });
const N = 200; // images in each set of non-digits

const encoder = await recall<tf.LayersModel>('ae-encoder', { from: 'Train the autoencoder' });
const decoder = await recall<tf.LayersModel>('ae-decoder', { from: 'Train the autoencoder' });

/** Mean squared error between each image and its reconstruction: one number per image. */
async function anomalyScores(images: tf.Tensor): Promise<number[]> {
  const perImage = tf.tidy(() => {
    const flat = images.reshape([-1, 784]);
    const restored = decoder.predict(encoder.predict(flat) as tf.Tensor) as tf.Tensor;
    return flat.sub(restored).square().mean(1);
  });
  const values = Array.from(await perImage.data());
  perImage.dispose();
  return values;
}

const mnist = await data.mnist({ set: 'bundled' });
const some = mnist.validation.xs.slice(0, N) as tf.Tensor4D;
const sets: Record<string, number[]> = { 'validation digits': await anomalyScores(mnist.validation.xs) };
const noise = tf.randomUniform([N, 28, 28, 1]);
sets['random noise'] = await anomalyScores(noise);
const inverted = tf.tidy(() => tf.scalar(1).sub(some)); // black ink on white paper
sets['inverted digits'] = await anomalyScores(inverted);
const rotated = tf.tidy(() => tf.reverse(tf.transpose(some, [0, 2, 1, 3]), 2)); // turned a quarter
sets['rotated digits'] = await anomalyScores(rotated);
tf.dispose([noise, inverted, rotated, some]);
mnist.dispose();
try {
  const asl = await data.asl({ limit: N });
  sets['hand signs'] = await anomalyScores(asl.train.xs);
  asl.dispose();
} catch (e) {
  if (!data.isAssetMissingError(e)) throw e;
  console.log('No hand signs here: this copy of the site does not have Sign Language MNIST (see the note above).');
}
const names = Object.keys(sets);

// The histogram, on a log scale: errors go from about 0.001 to about 1.
const edges = Array.from({ length: 10 }, (_, i) => 0.001 * 10 ** (i / 3)); // 0.001, 0.0022, 0.0046, 0.01, ... 1
const bins = (scores: number[]) => edges.map((low, i) => scores.filter((s) => s >= low && (i === edges.length - 1 || s < edges[i + 1]!)).length / scores.length);
barChart({
  title: 'Reconstruction error (share of each set per bin, log scale)',
  categories: edges.map((e) => String(Number(e.toPrecision(2)))), // each bin starts at its label
  series: names,
  values: names.map((name) => bins(sets[name]!)),
  yLabel: 'share of the set',
});

// With the threshold: how many of each set are flagged.
table(
  names.map((name) => {
    const scores = sets[name]!;
    const flagged = scores.filter((s) => s > THRESHOLD).length / scores.length;
    const median = [...scores].sort((a, b) => a - b)[Math.floor(scores.length / 2)]!;
    return { set: name, images: scores.length, 'median error': Number(median.toFixed(4)), 'flagged as not a digit': `${(100 * flagged).toFixed(1)}%` };
  }),
  { caption: `Threshold ${THRESHOLD}: digits flagged are false alarms, non-digits not flagged are misses` },
);

/**
 * The ROC curve: every possible threshold, as (false alarm rate, detection rate). Walk
 * through all scores from the highest down; a non-digit moves the curve up, a digit right.
 */
function roc(normal: number[], anomalies: number[]): { points: [number, number][]; area: number } {
  const all = [...normal.map((s) => ({ s, anomaly: false })), ...anomalies.map((s) => ({ s, anomaly: true }))].sort((a, b) => b.s - a.s);
  const points: [number, number][] = [[0, 0]];
  let [tp, fp, area] = [0, 0, 0];
  for (const { anomaly } of all) {
    if (anomaly) tp++;
    else {
      fp++;
      area += tp / anomalies.length / normal.length; // the height of the curve over this step right
    }
    points.push([fp / normal.length, tp / anomalies.length]);
  }
  return { points, area };
}

const digits = sets['validation digits']!;
const others = names.slice(1);
const curves = others.map((name) => roc(digits, sets[name]!));
scatterChart({ title: 'ROC: validation digits against each kind of non-digit', series: others, lines: others, xLabel: 'false alarm rate (digits flagged)', yLabel: 'detection rate (non-digits flagged)' })
  .set(curves.map((c) => c.points.filter((_, i) => i % 10 === 0 || i === c.points.length - 1)));
table(
  others.map((name, i) => ({ 'digits against': name, 'ROC area': Number(curves[i]!.area.toFixed(3)) })),
  { caption: 'Area under each ROC curve: 1 = a threshold separates them perfectly, 0.5 = a coin toss' },
);
