// Tabular Q-learning on a grid world, checked against the optimum from value iteration.
import { drawing, lineChart, param, progress, rl, table } from 'course';

// Edit the world: S start, . floor, # wall, G goal, P pit (every row the same length).
const LAYOUT = [
  '.....P.',
  '.##.#..',
  'S...#.G',
  '.#P....',
  '...#P..',
];
const REWARDS = { step: -1, goal: 10, pit: -10 };

const EPISODES = param('episodes', 500, { min: 1, max: 5000 });
const EPSILON = param('epsilon', 0.3, { label: 'epsilon (exploration)', min: 0, max: 1, step: 0.05 });
const ALPHA = param('alpha', 0.5, { label: 'alpha (learning rate)', min: 0.01, max: 1, step: 0.01 });
const GAMMA = param('gamma', 0.9, { label: 'gamma (discount)', min: 0, max: 0.99, step: 0.01 });
// A pause after each episode so that you can watch the values spread; 0 runs at full speed.
const PAUSE_MS = param('pauseMs', 10, { label: 'pause per episode (ms)', min: 0, max: 200 });
// Where episodes start. From S alone, cells off the way to the goal are seldom visited
// and their estimates stay rough; from a random cell, every estimate gets updates.
const START = param('start', 'random cell', { choices: ['random cell', 'S'] });
const MAX_STEPS = 200; // an episode that wanders this long is cut off

const world = rl.gridWorld({ layout: LAYOUT, rewards: REWARDS });

// The Q-table: for every state, one estimate per action (up, right, down, left) of the
// discounted return from taking that action there and acting greedily after it.
const Q = Array.from({ length: world.states }, () => [0, 0, 0, 0]);
const greedy = (s: number) => rl.argMax(Q[s]!);
const stateValues = () => Q.map((q, s) => (world.isDecision(s) ? Math.max(...q) : 0));
const policy = () => Q.map((_, s) => (world.isDecision(s) ? greedy(s) : -1));

const size = rl.gridSize(world, 64);
const view = drawing({ ...size, caption: 'Q-learning: max_a Q(s, a) per cell, and the greedy action' });
const returns = lineChart({ title: 'Return per episode', series: ['return', 'mean of last 20'], xLabel: 'episode', compareRuns: true });
const bar = progress('Episodes', EPISODES);

const decisionCells = Q.map((_, s) => s).filter((s) => world.isDecision(s));
const recent: number[] = [];
for (let episode = 1; episode <= EPISODES; episode++) {
  let s = START === 'S' ? world.start : decisionCells[Math.floor(Math.random() * decisionCells.length)]!;
  let total = 0;
  let discount = 1;
  for (let t = 0; t < MAX_STEPS; t++) {
    // Epsilon-greedy: usually the best action known so far, sometimes a random one.
    const a = Math.random() < EPSILON ? Math.floor(Math.random() * 4) : greedy(s);
    const { next, reward, done } = world.step(s, a);
    // The Q-learning update: move Q(s, a) a step alpha towards the reward plus the
    // discounted value of the best action in the next state (nothing after the end).
    const target = done ? reward : reward + GAMMA * Math.max(...Q[next]!);
    Q[s]![a]! += ALPHA * (target - Q[s]![a]!);
    total += discount * reward;
    discount *= GAMMA;
    s = next;
    if (done) break;
  }
  recent.push(total);
  if (recent.length > 20) recent.shift();
  returns.push('return', episode, total);
  returns.push('mean of last 20', episode, recent.reduce((a, b) => a + b, 0) / recent.length);
  view.draw(rl.drawGrid(world, stateValues(), { policy: policy() }), `Q-learning values after episode ${episode}`);
  bar.update(episode);
  if (PAUSE_MS > 0) await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}
bar.done();

// Value iteration knows the rules of the world and computes the best values directly.
const optimum = rl.valueIteration(world, GAMMA);
drawing({ ...size, caption: 'Value iteration: the optimal value V*(s) and an optimal action' }).draw(
  rl.drawGrid(world, optimum.values, { policy: optimum.policy }),
);

const agree = decisionCells.filter((s) => optimum.optimalActions[s]!.includes(greedy(s))).length;
const gap = Math.max(...decisionCells.map((s) => Math.abs(Math.max(...Q[s]!) - optimum.values[s]!)));
table(
  [
    { measure: 'cells where the greedy action is optimal', value: `${agree} of ${decisionCells.length}` },
    { measure: 'largest |max Q - V*| over the cells', value: Number(gap.toFixed(3)) },
    { measure: 'value of the start cell: Q-learning', value: Number(Math.max(...Q[world.start]!).toFixed(3)) },
    { measure: 'value of the start cell: value iteration', value: Number(optimum.values[world.start]!.toFixed(3)) },
    { measure: 'value iteration sweeps', value: optimum.sweeps },
  ],
  { caption: `Q-learning after ${EPISODES} episodes against value iteration` },
);
