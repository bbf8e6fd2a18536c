/**
 * Trains chapter 3's reference MLP (`playgrounds/mnist/train.ts`, unchanged) several
 * times in Node, through the same path the tests use, and prints each run's validation
 * accuracy and their spread: the TF.js side of the comparison with
 * `mnist_mlp_pytorch.py`. Run `i` seeds Math.random (starting weights, batch order) with i.
 *
 *   npm run reference:mnist -- --runs 10
 *
 * About a minute per run on one core.
 */
import { parseArgs } from 'node:util';
import { runPlaygroundFile } from '../../tests/playgrounds/harness.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' }, epochs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const epochs = Number(values.epochs);

const accuracies: number[] = [];
for (let seed = 1; seed <= runs; seed++) {
  Math.random = seededRandom(seed);
  const run = await runPlaygroundFile('mnist/train.ts', { params: { epochs } });
  if (run.error) throw new Error(`run ${seed}: ${run.error.message}`);
  const result = run.outputs.find((o) => o.kind === 'table' && /^After/.test(o.caption ?? ''));
  if (result?.kind !== 'table') throw new Error(`run ${seed}: the playground printed no result table`);
  const validation = result.rows.find((row) => row[0] === 'validation')!;
  const accuracy = 100 * Number(validation[result.columns.indexOf('accuracy')]);
  accuracies.push(accuracy);
  console.log(`run ${String(seed).padStart(2)}: ${accuracy.toFixed(2)}%`);
}

const mean = accuracies.reduce((a, b) => a + b) / runs;
const sd = Math.sqrt(accuracies.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, runs - 1));
console.log(
  `TF.js, ${epochs} epochs, 8000 train / 2000 validation (split seed 42): mean ${mean.toFixed(2)}%, sd ${sd.toFixed(2)}, ` +
    `min ${Math.min(...accuracies).toFixed(2)}%, max ${Math.max(...accuracies).toFixed(2)}%, ` +
    `>= 95% in ${accuracies.filter((a) => a >= 95).length} of ${runs} runs`,
);
