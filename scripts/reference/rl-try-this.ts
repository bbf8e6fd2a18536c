/**
 * What chapter 9's "Try this" suggestions do, measured: each variant of a playground run
 * with two seeds in Node through the test harness (the grid world's Math.random seeded,
 * CartPole's own `seed` param), printing the result table the reader would see.
 *
 *   node scripts/reference/rl-try-this.ts | tee scripts/reference/rl-try-this.log
 */
import type { Output } from '../../src/runner/protocol.ts';
import type { Params } from '../../src/runner/protocol.ts';
import { runPlaygroundFile, withSeededRandom } from '../../tests/playgrounds/harness.ts';

const tables = (outputs: Output[]) =>
  outputs.flatMap((o) => (o.kind === 'table' ? [`  ${o.caption}: ${o.rows.map((r) => `${r[0]} = ${r.slice(1).join(', ')}`).join('; ')}`] : []));

const variants: [string, Params][] = [
  ['rl/loop.ts', { length: 20 }],
  ['rl/gridworld.ts', { pauseMs: 0, start: 'S' }],
  ['rl/gridworld.ts', { pauseMs: 0, start: 'S', epsilon: 0 }],
  ['rl/gridworld.ts', { pauseMs: 0, gamma: 0.5 }],
  ['rl/cartpole-train.ts', { hidden: 4 }],
  ['rl/cartpole-train.ts', { gamma: 0.9 }],
  ['rl/cartpole-train.ts', { learningRate: 0.001 }],
  ['rl/cartpole-train.ts', { learningRate: 0.05 }],
];
for (const [file, params] of variants) {
  for (const seed of [1, 2]) {
    const seeded = file.includes('cartpole') ? { ...params, seed } : params;
    const run = await withSeededRandom(seed, () => runPlaygroundFile(file, { params: seeded }));
    if (run.error) throw new Error(`${file} ${JSON.stringify(seeded)}: ${run.error.message}`);
    console.log(`${file} ${JSON.stringify(seeded)} (Math.random seed ${seed})`);
    for (const t of tables(run.outputs)) console.log(file.includes('loop') ? t.split(';')[0] : t);
  }
}
