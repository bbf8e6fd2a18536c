/**
 * Chapter 3's activation comparison (`playgrounds/mnist/activations.ts`, unchanged),
 * run many times: for each number of hidden layers, the playground trains one network
 * per activation on the 8,000 training digits; run `i` seeds Math.random (starting
 * weights, batch order) with `i`. Prints each run's validation accuracy after the last
 * epoch, the mean, spread and mean difference per depth, and the gradient that reaches
 * each layer at the starting weights (the playground's first table), averaged over runs.
 *
 *   node --experimental-transform-types scripts/reference/mnist-activations-tfjs.ts --runs 5 --depths 2,6
 *
 * (`--experimental-transform-types` because src/course uses TypeScript parameter
 * properties, which Node's default type stripping rejects.) Depth 2, 3 epochs: about a
 * minute per run on one core; depth 6 about four.
 */
import { parseArgs } from 'node:util';
import type { Output } from '../../src/runner/protocol.ts';
import { runPlaygroundFile } from '../../tests/playgrounds/harness.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    epochs: { type: 'string', default: '3' },
    depths: { type: 'string', default: '2,6' },
    activations: { type: 'string', default: 'relu, sigmoid' },
    trainingDigits: { type: 'string', default: '8000' },
  },
});
const runs = Number(values.runs);
const epochs = Number(values.epochs);
const trainingDigits = Number(values.trainingDigits);
const depths = values.depths.split(',').map(Number);
const activations = values.activations.split(', ');

type Table = Extract<Output, { kind: 'table' }>;
const tableTitled = (outputs: Output[], caption: RegExp): Table => {
  const t = outputs.find((o): o is Table => o.kind === 'table' && caption.test(o.caption ?? ''));
  if (!t) throw new Error(`the playground printed no table captioned ${caption}`);
  return t;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => Math.sqrt(xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));
const pct = (v: number) => `${v.toFixed(2)}%`;

for (const depth of depths) {
  const accuracy = new Map(activations.map((a) => [a, [] as number[]]));
  const gradients = new Map<string, number[][]>(activations.map((a) => [a, []]));
  for (let seed = 1; seed <= runs; seed++) {
    Math.random = seededRandom(seed);
    const run = await runPlaygroundFile('mnist/activations.ts', {
      params: { activations: values.activations, hiddenLayers: depth, epochs, trainingDigits },
    });
    if (run.error) throw new Error(`depth ${depth}, run ${seed}: ${run.error.message}`);
    const results = tableTitled(run.outputs, /^Validation accuracy after each epoch/);
    const grads = tableTitled(run.outputs, /^Mean size of the gradient/);
    const line = [];
    for (const a of activations) {
      const row = results.rows.find((r) => r[0] === a)!;
      const acc = 100 * Number(row.at(-1));
      accuracy.get(a)!.push(acc);
      gradients.get(a)!.push(grads.rows.map((r) => Number(r[grads.columns.indexOf(a)])));
      line.push(`${a} ${pct(acc)}`);
    }
    console.log(`${depth} hidden layers, run ${String(seed).padStart(2)}: ${line.join(', ')}`);
  }
  console.log(`\n${depth} hidden layers of 512, ${epochs} epochs on ${trainingDigits} digits, accuracy on the 2,000 validation digits over ${runs} seeded runs:`);
  for (const a of activations) {
    const xs = accuracy.get(a)!;
    console.log(`  ${a.padEnd(8)} mean ${pct(mean(xs))}, sd ${sd(xs).toFixed(2)}, min ${pct(Math.min(...xs))}, max ${pct(Math.max(...xs))}`);
  }
  const [first, second] = activations;
  if (first && second) {
    const diffs = accuracy.get(first)!.map((v, i) => v - accuracy.get(second)![i]!);
    console.log(`  ${first} - ${second}: mean ${diffs.length ? mean(diffs).toFixed(2) : '?'} points, sd ${sd(diffs).toFixed(2)}, ${first} ahead in ${diffs.filter((d) => d > 0).length} of ${runs} runs`);
  }
  console.log('  mean gradient size per layer at the starting weights (hidden 1 ... output):');
  for (const a of activations) {
    const perLayer = gradients.get(a)![0]!.map((_, layer) => mean(gradients.get(a)!.map((g) => g[layer]!)));
    const ratio = perLayer[0]! / perLayer[perLayer.length - 2]!;
    console.log(`  ${a.padEnd(8)} ${perLayer.map((g) => g.toExponential(2)).join('  ')}   first/last hidden: ${ratio.toPrecision(3)}`);
  }
  console.log('');
}
