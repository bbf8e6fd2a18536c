/**
 * How often chapter 9's Q-learning playground (`playgrounds/rl/gridworld.ts`, default
 * settings, unchanged) ends with a greedy action that value iteration calls optimal in
 * every cell: one run per seed of Math.random (exploration and start cells).
 *
 *   node scripts/reference/gridworld-q-vs-vi.ts --seeds 60
 */
import { parseArgs } from 'node:util';
import { runPlaygroundFile, withSeededRandom } from '../../tests/playgrounds/harness.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '60' } } });
const seeds = Number(values.seeds);
const counts = new Map<string, number>();
const gaps: number[] = [];
for (let seed = 1; seed <= seeds; seed++) {
  const run = await withSeededRandom(seed, () => runPlaygroundFile('rl/gridworld.ts', { params: { pauseMs: 0 } }));
  if (run.error) throw new Error(`seed ${seed}: ${run.error.message}`);
  const t = run.outputs.find((o) => o.kind === 'table');
  if (t?.kind !== 'table') throw new Error(`seed ${seed}: no result table`);
  const agree = String(t.rows[0]![1]);
  counts.set(agree, (counts.get(agree) ?? 0) + 1);
  gaps.push(Number(t.rows[1]![1]));
  if (agree !== `${agree.split(' of ')[1]} of ${agree.split(' of ')[1]}`) console.log(`seed ${seed}: ${agree}`);
}
console.log(`${seeds} runs: ${[...counts].map(([k, n]) => `${n} with ${k}`).join(', ')}; largest |max Q - V*| median ${[...gaps].sort((a, b) => a - b)[Math.floor(seeds / 2)]}`);
