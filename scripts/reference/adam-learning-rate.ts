/**
 * Why chapter 2 gives Adam a learning rate of 0.1 and chapter 3 keeps its default 0.001:
 * trains chapter 3's reference MLP (`playgrounds/mnist/train.ts`, with only its optimizer
 * replaced by `tf.train.adam(lr)`) for one epoch at several learning rates, a few seeds
 * each, and prints the validation accuracy. Chapter 2 quotes the output.
 *
 *   npx node --experimental-transform-types scripts/reference/adam-learning-rate.ts --runs 3
 *
 * About half a minute per run on one core.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runPlaygroundSource } from '../../tests/playgrounds/harness.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, epochs: { type: 'string', default: '1' }, rates: { type: 'string', default: '0.001,0.01,0.1' } },
});
const runs = Number(values.runs);
const epochs = Number(values.epochs);
const rates = values.rates.split(',').map(Number);

const original = await readFile(new URL('../../playgrounds/mnist/train.ts', import.meta.url), 'utf8');
if (!original.includes("optimizer: 'adam'")) throw new Error("mnist/train.ts no longer compiles with optimizer: 'adam'; update this script");

for (const rate of rates) {
  const source = original.replace("optimizer: 'adam'", `optimizer: tf.train.adam(${rate})`);
  const accuracies: number[] = [];
  for (let seed = 1; seed <= runs; seed++) {
    Math.random = seededRandom(seed);
    const run = await runPlaygroundSource(source, { filename: 'mnist/train.ts', params: { epochs } });
    if (run.error) throw new Error(`lr ${rate}, run ${seed}: ${run.error.message}`);
    const result = run.outputs.find((o) => o.kind === 'table' && /^After/.test(o.caption ?? ''));
    if (result?.kind !== 'table') throw new Error(`lr ${rate}, run ${seed}: the playground printed no result table`);
    const validation = result.rows.find((row) => row[0] === 'validation')!;
    accuracies.push(100 * Number(validation[result.columns.indexOf('accuracy')]));
  }
  const mean = accuracies.reduce((a, b) => a + b) / runs;
  console.log(`Adam lr ${rate}, ${epochs} epoch(s): validation accuracy ${accuracies.map((a) => a.toFixed(1) + '%').join(', ')} (mean ${mean.toFixed(1)}%)`);
}
