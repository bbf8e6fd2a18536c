// Delayed rewards: what a sequence of rewards is worth now, for several discount factors.
import { lineChart, param, table } from 'course';

const DELAY = param('delay', 10, { label: 'steps until the big reward', min: 1, max: 100 });
const GAMMAS = [0, 0.5, 0.9, 0.99, 1];

// Two ways an episode could go: a small reward at once, or a bigger one later.
const sequences: Record<string, number[]> = {
  'small reward now (1 at step 1)': [1, ...Array<number>(DELAY).fill(0)],
  [`big reward later (5 at step ${DELAY + 1})`]: [...Array<number>(DELAY).fill(0), 5],
};

// The return: G = r1 + gamma * r2 + gamma^2 * r3 + ... A reward t steps away is
// multiplied by gamma^t, so a gamma below 1 makes later rewards count less.
function discountedReturn(rewards: number[], gamma: number): number {
  let g = 0;
  for (let t = rewards.length - 1; t >= 0; t--) g = rewards[t]! + gamma * g;
  return g;
}

table(
  GAMMAS.map((gamma) => {
    const row: Record<string, string | number> = { gamma };
    for (const [name, rewards] of Object.entries(sequences)) row[name] = Number(discountedReturn(rewards, gamma).toFixed(3));
    const [now, later] = Object.values(sequences).map((r) => discountedReturn(r, gamma));
    row['an agent prefers'] = Math.abs(now! - later!) < 1e-9 ? 'either' : now! > later! ? 'now' : 'later';
    return row;
  }),
  { caption: 'The return of each sequence under each discount factor' },
);

// How much a reward t steps ahead counts today.
const chart = lineChart({ title: 'Weight of a reward t steps ahead (gamma^t)', series: GAMMAS.map((g) => `gamma ${g}`), xLabel: 'steps ahead', yLabel: 'weight' });
for (let t = 0; t <= Math.max(30, DELAY); t++) GAMMAS.forEach((gamma, i) => chart.push(i, t, gamma ** t));
