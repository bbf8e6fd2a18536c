// The loop at the heart of reinforcement learning, on the smallest world we could think
// of: a corridor of cells. The agent starts at the left end; the exit is at the right end.
import { param, table } from 'course';

const LENGTH = param('length', 5, { label: 'corridor length', min: 2, max: 20 });
const EXIT_REWARD = 10; // reaching the exit
const STEP_REWARD = -1; // every other step: time costs something
const MAX_STEPS = 50; // an episode that goes on this long is cut off

// The environment: given the state (which cell) and an action, it says where the agent
// ends up, what reward it gets, and whether the episode is over.
function step(cell: number, action: 'left' | 'right') {
  const next = Math.min(Math.max(cell + (action === 'right' ? 1 : -1), 0), LENGTH - 1);
  const done = next === LENGTH - 1;
  return { next, reward: done ? EXIT_REWARD : STEP_REWARD, done };
}

// Two agents. Each one is a policy: a rule that picks an action for a state.
const agents = {
  random: () => (Math.random() < 0.5 ? 'left' : 'right') as 'left' | 'right',
  'always right': () => 'right' as const,
};

for (const [name, policy] of Object.entries(agents)) {
  // One episode: observe, act, get a reward, until the episode ends.
  let cell = 0;
  let total = 0;
  const steps: { step: number; state: number; action: string; reward: number }[] = [];
  for (let t = 0; t < MAX_STEPS; t++) {
    const action = policy();
    const { next, reward, done } = step(cell, action);
    steps.push({ step: t + 1, state: cell, action, reward });
    total += reward;
    cell = next;
    if (done) break;
  }
  const ending = cell === LENGTH - 1 ? 'reached the exit' : `was cut off after ${MAX_STEPS} steps`;
  table(steps.slice(0, 12), { caption: `Agent "${name}": ${steps.length} steps, ${ending}, total reward ${total}${steps.length > 12 ? ' (first 12 steps shown)' : ''}` });
}
