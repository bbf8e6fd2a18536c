/**
 * Chapter 4's comparison (`playgrounds/convolution/first-layer.ts`, unchanged), run many
 * times: a linear model (784 -> 10 softmax) and the small CNN, trained on the same 8,000
 * digits with the same settings and measured on the same 2,000 validation digits. Run `i`
 * seeds Math.random (starting weights, batch order) with `i`; prints each run, then the
 * mean, spread and smallest difference.
 *
 *   node --experimental-transform-types scripts/reference/mnist-cnn-vs-linear-tfjs.ts --runs 10 --epochs 3
 *
 * (`--experimental-transform-types` because src/course uses TypeScript parameter
 * properties, which Node's default type stripping rejects.) About 15 s per run on one core.
 */
import { parseArgs } from 'node:util';
import { runPlaygroundFile } from '../../tests/playgrounds/harness.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '10' }, epochs: { type: 'string', default: '3' }, trainingDigits: { type: 'string', default: '8000' } },
});
const runs = Number(values.runs);
const epochs = Number(values.epochs);
const trainingDigits = Number(values.trainingDigits);

const linear: number[] = [];
const cnn: number[] = [];
for (let seed = 1; seed <= runs; seed++) {
  Math.random = seededRandom(seed);
  const run = await runPlaygroundFile('convolution/first-layer.ts', { params: { epochs, trainingDigits } });
  if (run.error) throw new Error(`run ${seed}: ${run.error.message}`);
  const result = run.outputs.find((o) => o.kind === 'table' && /^After/.test(o.caption ?? ''));
  if (result?.kind !== 'table') throw new Error(`run ${seed}: the playground printed no result table`);
  const accuracy = (model: string) => 100 * Number(result.rows.find((r) => r[0] === model)![result.columns.indexOf('validation accuracy')]);
  linear.push(accuracy('linear baseline'));
  cnn.push(accuracy('small CNN'));
  console.log(`run ${String(seed).padStart(2)}: linear ${linear.at(-1)!.toFixed(2)}%, CNN ${cnn.at(-1)!.toFixed(2)}%`);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));
const line = (name: string, xs: number[]) =>
  `  ${name.padEnd(7)} mean ${mean(xs).toFixed(2)}%, sd ${sd(xs).toFixed(2)}, min ${Math.min(...xs).toFixed(2)}%, max ${Math.max(...xs).toFixed(2)}%`;
const diffs = cnn.map((c, i) => c - linear[i]!);
console.log(`\n${epochs} epochs on ${trainingDigits} digits, accuracy on the 2,000 validation digits over ${runs} seeded runs:`);
console.log(line('linear', linear));
console.log(line('CNN', cnn));
console.log(`  CNN - linear: mean ${mean(diffs).toFixed(2)} points, sd ${sd(diffs).toFixed(2)}, smallest ${Math.min(...diffs).toFixed(2)}, largest ${Math.max(...diffs).toFixed(2)}`);
