/**
 * Chapter 1's "Try this" with noisy readings: runs `playgrounds/intro/rules-from-data.ts`
 * (unchanged, through the tests' harness) for every seed the page offers, for each choice
 * of examples, and prints how far the learned rule's answer for 100 °C is from 212 °F,
 * next to the same figure for the best line through the examples (least squares), so
 * that what comes from the data and what from training can be told apart.
 *
 *   npx node --experimental-transform-types scripts/reference/celsius-noise.ts --noise 2 --seeds 20
 */
import { parseArgs } from 'node:util';
import { runPlaygroundFile } from '../../tests/playgrounds/harness.ts';

const { values } = parseArgs({ options: { noise: { type: 'string', default: '2' }, seeds: { type: 'string', default: '20' }, epochs: { type: 'string', default: '500' } } });
const noise = Number(values.noise);
const seeds = Number(values.seeds);
const epochs = Number(values.epochs);

const rms = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
for (const examples of ['all seven', '0 to 30 °C', 'only two']) {
  const learned: number[] = [];
  const best: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const run = await runPlaygroundFile('intro/rules-from-data.ts', { params: { examples, noise, seed, epochs } });
    if (run.error) throw new Error(`${examples}, seed ${seed}: ${run.error.message}`);
    const table = run.outputs.find((o) => o.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    const at100 = (name: string) => Number(table.rows.find((r) => r[0] === name)![3]);
    learned.push(at100('learned rule') - 212);
    best.push(at100('best line through these examples') - 212);
  }
  const worst = Math.max(...learned.map(Math.abs));
  const gap = Math.max(...learned.map((l, i) => Math.abs(l - best[i]!)));
  console.log(
    `${examples}, noise ${noise} °F, seeds 1-${seeds}: answer for 100 °C off by ${rms(learned).toFixed(1)} °F RMS (worst ${worst.toFixed(1)}); ` +
      `best line ${rms(best).toFixed(1)} °F RMS; learned vs best line at most ${gap.toFixed(1)} °F apart`,
  );
}
