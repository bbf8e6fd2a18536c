/**
 * Chapter 9's CartPole agent in headless Chromium on WASM, as a reader runs it: the
 * training playground (chapters/reinforcement-learning/, rl/cartpole-train.ts) through
 * the island and its kernel worker, one WASM thread, once per seed (its `seed` param fixes
 * the first weights, start states and action draws; measured, the browser's steps to 195
 * equal the Node runs of scripts/reference/cartpole-dqn-vs-pg.ts for seeds 1 and 2 and
 * drift apart later, for a reason not yet found). Reports, per seed, environment steps per
 * second while acting (policy, physics, drawing), training steps per second (one per
 * episode) and the environment steps and seconds until the mean length of the last 100
 * episodes reached 195 and 475.
 *
 *   npm run bench -- rl                          (RL_BENCH_SEEDS=1,2,3 by default)
 */
import { loadavg } from 'node:os';
import { freshPage, runPlaygroundAt, type Benchmark } from './lib.ts';

const SRC = 'rl/cartpole-train.ts';
const SEEDS = (process.env.RL_BENCH_SEEDS ?? '1,2,3').split(',').map(Number);

/** The value cell of the result table's row whose measure matches. */
function cell(output: string, measure: RegExp): string {
  const line = output.split('\n').find((l) => measure.test(l));
  if (!line) throw new Error(`no row ${measure} in the output`);
  return line.split('\t').at(-1)!.trim();
}

const reachedAt = (text: string) => /after ([\d,]+) steps, ([\d.]+) s/.exec(text);

export const rl: Benchmark = {
  name: 'rl',
  async run(ctx) {
    const rows: (string | number)[][] = [];
    const detail = [];
    for (const seed of SEEDS) {
      const browser = await ctx.launch();
      try {
        const load = loadavg()[0]!;
        const page = await freshPage(browser);
        const run = await runPlaygroundAt(page, new URL('chapters/reinforcement-learning/', ctx.siteUrl).href, SRC, { backend: 'wasm', params: { seed, episodes: 3000 }, timeoutMs: 600_000 });
        if (run.state !== 'done') throw new Error(`seed ${seed}: ${run.state}: ${run.status}`);
        const out = run.output;
        const r195 = reachedAt(cell(out, /reached 195/));
        const r475 = reachedAt(cell(out, /reached 475/));
        const row = {
          seed,
          backend: run.backend,
          threads: run.threads,
          load: Number(load.toFixed(1)),
          episodes: Number(cell(out, /^episodes played/)),
          stepsPerSecondActing: Number(cell(out, /steps per second, acting/)),
          trainingStepsPerSecond: Number(cell(out, /training steps \(one per episode\) per second/)),
          steps195: r195 ? Number(r195[1]!.replaceAll(',', '')) : null,
          seconds195: r195 ? Number(r195[2]) : null,
          steps475: r475 ? Number(r475[1]!.replaceAll(',', '')) : null,
          seconds475: r475 ? Number(r475[2]) : null,
        };
        detail.push(row);
        rows.push([seed, `${row.backend}, ${row.threads ?? '?'} thread(s)`, row.load, row.episodes, row.stepsPerSecondActing, row.trainingStepsPerSecond, row.steps195 ?? '-', row.seconds195 ?? '-', row.steps475 ?? '-', row.seconds475 ?? '-']);
      } finally {
        await browser.close();
      }
    }
    return {
      name: 'rl',
      title: 'CartPole REINFORCE through the runner on WASM (chapter 9, rl/cartpole-train.ts)',
      columns: ['seed', 'backend', 'load', 'episodes', 'env steps/s acting', 'training steps/s', 'steps to 195', 's to 195', 'steps to 475', 's to 475'],
      rows,
      detail,
    };
  },
};
