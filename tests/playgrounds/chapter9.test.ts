/**
 * Chapter 9 (reinforcement learning): every playground runs in Node through the same path
 * as the browser and shows what the chapter says: the loop, discounted returns,
 * Q-learning reaching value iteration's policy, a REINFORCE agent that learns CartPole,
 * and the course's committed agent solving it.
 */
import { describe, expect, it } from 'vitest';
import type { Output } from '../../src/runner/protocol.ts';
import { memoryModelStore } from '../../src/course/model-store.ts';
import { cartPole } from '../../src/course/rl/cartpole.ts';
import { seededRandom } from '../../src/course/data/shuffle.ts';
import { runPlaygroundFile, type RunOutcome, withSeededRandom } from './harness.ts';
import { type Table, tables, tableTitled } from './outputs.ts';

/** The value of a two-column (measure, value) table's row whose measure matches. */
const measure = (t: Table, name: RegExp) => {
  const row = t.rows.find((r) => name.test(String(r[0])));
  if (!row) throw new Error(`no row ${name} in "${t.caption}"`);
  return row[1]!;
};
const drawings = (outputs: Output[]) => outputs.filter((o): o is Extract<Output, { kind: 'drawing' }> => o.kind === 'drawing');
/** Every point pushed to the chart titled `title`, per series. */
function chartPoints(outputs: Output[], title: string): [number, number][][] {
  const chart = outputs.find((o): o is Extract<Output, { kind: 'chart' }> => o.kind === 'chart' && o.spec.title === title);
  if (!chart) throw new Error(`no chart "${title}"`);
  const series: [number, number][][] = chart.spec.series.map(() => []);
  for (const o of outputs) if (o.kind === 'chart-points' && o.id === chart.id) series[o.series]!.push(...o.points);
  return series;
}
function expectClean(run: RunOutcome): void {
  expect(run.error).toBeUndefined();
  expect(run.summary.tensorsAfter - run.summary.tensorsBefore).toBeLessThanOrEqual(run.summary.kept?.length ? 4 : 0);
}

/** A random policy's mean episode length on CartPole-v1 (about 22). */
function randomPolicyMean(seed: number, episodes = 200): number {
  const env = cartPole({ seed });
  const random = seededRandom(seed);
  let total = 0;
  for (let i = 0; i < episodes; i++) {
    env.reset();
    for (let over = false; !over; ) {
      const r = env.step(random() < 0.5 ? 0 : 1);
      over = r.terminated || r.truncated;
    }
    total += env.steps;
  }
  return total / episodes;
}

describe('chapter 9: reinforcement learning', () => {
  it('plays the agent-environment loop: always-right walks straight out, random wanders', async () => {
    const run = await withSeededRandom(1, () => runPlaygroundFile('rl/loop.ts', { params: { length: 6 } }));
    expectClean(run);
    const right = tableTitled(run.outputs, /"always right"/);
    expect(right.caption).toBe('Agent "always right": 5 steps, reached the exit, total reward 6');
    expect(right.rows.map((r) => r[1])).toEqual([0, 1, 2, 3, 4]);
    const random = tableTitled(run.outputs, /"random"/);
    expect(random.caption).toMatch(/total reward -?\d+/);
  });

  it('discounts delayed rewards: the big late reward wins only when gamma is high enough', async () => {
    const run = await runPlaygroundFile('rl/discount.ts', { params: { delay: 10 } });
    expectClean(run);
    const t = tableTitled(run.outputs, /return of each sequence/);
    const col = (name: RegExp) => t.columns.findIndex((c) => name.test(c));
    const byGamma = new Map(t.rows.map((r) => [Number(r[0]), r]));
    // 5 at step 11 is worth 5 * gamma^10 now; 1 at step 1 is worth 1 whatever gamma is.
    for (const gamma of [0, 0.5, 0.9, 0.99, 1]) {
      expect(byGamma.get(gamma)![col(/small/)]).toBe(1);
      expect(byGamma.get(gamma)![col(/big/)]).toBeCloseTo(5 * gamma ** 10, 3);
    }
    expect(t.rows.map((r) => r[col(/prefers/)])).toEqual(['now', 'now', 'later', 'later', 'later']);
    expect(chartPoints(run.outputs, 'Weight of a reward t steps ahead (gamma^t)')).toHaveLength(5);
  });

  it('Q-learning on the default grid reaches the greedy policy of value iteration in every cell', async () => {
    const run = await withSeededRandom(1, () => runPlaygroundFile('rl/gridworld.ts', { params: { pauseMs: 0 } }));
    expectClean(run);
    const t = tableTitled(run.outputs, /Q-learning after 500 episodes against value iteration/);
    const [agree, of] = String(measure(t, /greedy action is optimal/)).split(' of ').map(Number);
    expect(of).toBe(25);
    expect(agree).toBe(of);
    expect(measure(t, /start cell: Q-learning/)).toBeCloseTo(Number(measure(t, /start cell: value iteration/)), 2);
    // The heatmap was redrawn while it learned, and value iteration got its own picture.
    const ids = new Set(drawings(run.outputs).map((d) => d.id));
    expect(ids.size).toBe(2);
    expect(drawings(run.outputs).length).toBeGreaterThan(2);
    const [episodes] = chartPoints(run.outputs, 'Return per episode');
    expect(episodes).toHaveLength(500);
  });

  it('a short REINFORCE run learns: episodes get at least 3x longer than a random policy\'s', async () => {
    const random = randomPolicyMean(5);
    expect(random).toBeGreaterThan(18);
    expect(random).toBeLessThan(26);
    const modelStore = memoryModelStore();
    const run = await runPlaygroundFile('rl/cartpole-train.ts', { params: { episodes: 120, seed: 1 }, modelStore });
    expectClean(run);
    const [lengths] = chartPoints(run.outputs, 'Episode length while learning');
    expect(lengths).toHaveLength(120);
    const last20 = lengths!.slice(-20).reduce((a, [, y]) => a + y, 0) / 20;
    expect(last20).toBeGreaterThan(3 * random);
    // The cart was drawn while it learned.
    expect(drawings(run.outputs).length).toBeGreaterThan(3);
    // Saved while learning (so Stop keeps it), not only at the end; a reload gets it back.
    const saves = run.outputs.flatMap((o, i) => (o.kind === 'stored-model' && o.action === 'saved' ? [i] : []));
    const lastPoint = run.outputs.findLastIndex((o) => o.kind === 'chart-points');
    expect(saves.length).toBeGreaterThanOrEqual(2);
    expect(saves[0]).toBeLessThan(lastPoint);
    const replay = await runPlaygroundFile('rl/cartpole-play.ts', { params: { agent: 'yours', speed: 20 }, modelStore });
    expect(replay.error).toBeUndefined();
    expect(replay.outputs.some((o) => o.kind === 'stored-model' && o.action === 'loaded')).toBe(true);
  });

  it("the course's committed agent balances: a mean of at least 475 over 100 greedy episodes", async () => {
    const run = await withSeededRandom(1, () => runPlaygroundFile('rl/cartpole-play.ts', { params: { agent: 'course', speed: 20 } }));
    expectClean(run);
    expect(run.logs[0]).toMatch(/^The course's agent is ready after \d+\.\d\d s: 226 weights\.$/);
    const t = tableTitled(run.outputs, /The course's greedy agent over 100 episodes/);
    expect(Number(measure(t, /mean episode length/))).toBeGreaterThanOrEqual(475);
    expect(measure(t, /solved/)).toBe('yes');
    // The watched episode was animated frame by frame.
    expect(drawings(run.outputs).length).toBeGreaterThan(10);
  });

  it('says which playground to run first when there is no agent of yours yet', async () => {
    const run = await runPlaygroundFile('rl/cartpole-play.ts', { params: { agent: 'yours' } });
    expect(run.error?.message).toMatch(/"cartpole-agent" is not available yet: run the playground "Train the agent" first/);
  });
});
