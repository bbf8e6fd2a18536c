// A neural agent learns to balance a pole: policy gradient (REINFORCE) on CartPole-v1.
import * as tf from '@tensorflow/tfjs';
import { drawing, keep, lineChart, param, progress, rl, table } from 'course';

const EPISODES = param('episodes', 1000, { label: 'at most this many episodes', min: 10, max: 5000 });
const LEARNING_RATE = param('learningRate', 0.01, { label: 'learning rate', min: 0.0001, max: 0.1 });
const GAMMA = param('gamma', 0.99, { label: 'gamma (discount)', min: 0, max: 0.999 });
const HIDDEN = param('hidden', 32, { label: 'hidden units', min: 1, max: 256 });
// A seed makes a run repeatable: the same first weights, start states and action draws,
// so two runs that differ in one setting differ only by that setting.
const SEED = param('seed', 0, { label: 'seed (0: a new one every run)', min: 0 });
const SOLVED = 475; // CartPole-v1 counts as solved at a mean length of 475 over 100 episodes
const SAVE_EVERY = 50; // episodes between saves of the agent, if it got better

const random = SEED ? rl.seededRandom(SEED) : Math.random;
const env = rl.cartPole(SEED ? { seed: SEED } : {});
const init = (layer: number) => (SEED ? tf.initializers.glorotUniform({ seed: SEED * 10 + layer }) : 'glorotUniform');

// The policy: the 4 numbers of the state in, one score (logit) per action out; softmax
// turns the two scores into the probabilities of pushing left and pushing right.
const policy = tf.sequential({
  layers: [
    tf.layers.dense({ inputShape: [4], units: HIDDEN, activation: 'relu', kernelInitializer: init(1) }),
    tf.layers.dense({ units: 2, kernelInitializer: init(2) }),
  ],
});
const optimizer = tf.train.adam(LEARNING_RATE);

// Sample an action from the policy's probabilities: exploring comes from the sampling.
async function chooseAction(state: rl.CartPoleState): Promise<number> {
  const probs = tf.tidy(() => tf.softmax(policy.predict(tf.tensor2d([[...state]])) as tf.Tensor));
  const [pLeft] = await probs.data();
  probs.dispose();
  return random() < pLeft! ? 0 : 1;
}

// The discounted return from every step of an episode to its end, normalised to mean 0
// and standard deviation 1: better-than-usual steps get positive weight, worse negative.
function advantages(length: number): number[] {
  const returns: number[] = [];
  let g = 0;
  for (let t = length - 1; t >= 0; t--) returns[t] = g = 1 + GAMMA * g; // reward 1 per step
  const mean = returns.reduce((a, b) => a + b, 0) / length;
  const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / length) + 1e-8;
  return returns.map((r) => (r - mean) / sd);
}

// One gradient step on a whole episode: make the actions taken more likely in
// proportion to their advantage (the REINFORCE loss is minus log pi(a | s) times it).
function trainStep(states: number[][], actions: number[], weights: number[]): void {
  tf.tidy(() => {
    const xs = tf.tensor2d(states);
    const taken = tf.oneHot(tf.tensor1d(actions, 'int32'), 2);
    const advantage = tf.tensor1d(weights);
    optimizer.minimize(() => {
      const logProbTaken = tf.logSoftmax(policy.apply(xs) as tf.Tensor).mul(taken).sum(1);
      return logProbTaken.mul(advantage).mean().neg() as tf.Scalar;
    });
  });
}

const view = drawing({ width: 480, height: 200, caption: 'The agent while it learns (a snapshot about 30 times a second)' });
const chart = lineChart({ title: 'Episode length while learning', series: ['episode', 'mean of last 100', `solved (${SOLVED})`], xLabel: 'episode', yLabel: 'steps', compareRuns: true });
const bar = progress('Episodes', EPISODES);

const lengths: number[] = [];
let totalSteps = 0;
// When the mean of the last 100 episodes first reached 195 (CartPole-v0's old bar) and 475.
const reached = new Map<number, { steps: number; seconds: number }>();
let bestSavedMean = 0;
let trainingMs = 0; // time spent in trainStep, to tell acting and learning apart
const started = performance.now();
for (let episode = 1; episode <= EPISODES; episode++) {
  const states: number[][] = [];
  const actions: number[] = [];
  let state = env.reset();
  for (let over = false; !over; ) {
    const action = await chooseAction(state);
    states.push([...state]);
    actions.push(action);
    const result = env.step(action);
    over = result.terminated || result.truncated;
    state = result.state;
    view.draw(rl.drawCartPole(state, { caption: `episode ${episode}, step ${env.steps}` }), `Episode ${episode}, step ${env.steps}: pole at ${((state[2] * 180) / Math.PI).toFixed(1)}°`);
  }
  totalSteps += actions.length;
  const trainingStarted = performance.now();
  trainStep(states, actions, advantages(actions.length));
  trainingMs += performance.now() - trainingStarted;

  lengths.push(actions.length);
  const last100 = lengths.slice(-100);
  const mean = last100.reduce((a, b) => a + b, 0) / last100.length;
  chart.push('episode', episode, actions.length);
  chart.push('mean of last 100', episode, mean);
  chart.push(`solved (${SOLVED})`, episode, SOLVED);
  bar.update(episode, `Episode ${episode}: ${actions.length} steps, mean of last 100 ${mean.toFixed(0)}`);
  for (const level of [195, SOLVED]) {
    if (lengths.length >= 100 && mean >= level && !reached.has(level)) reached.set(level, { steps: totalSteps, seconds: (performance.now() - started) / 1000 });
  }
  // Stop ends the worker at once; what was saved survives it, and the page reload too.
  if (episode % SAVE_EVERY === 0 && mean > bestSavedMean) {
    bestSavedMean = mean;
    await keep('cartpole-agent', policy, { persist: true });
  }
  if (reached.has(SOLVED)) break;
}
bar.done();
const seconds = (performance.now() - started) / 1000;
optimizer.dispose();
await keep('cartpole-agent', policy, { persist: true });

// The greedy agent: always the more probable action, no sampling.
let greedyTotal = 0;
const GREEDY_EPISODES = 20;
for (let i = 0; i < GREEDY_EPISODES; i++) {
  let state = env.reset();
  for (let over = false; !over; ) {
    const logits = tf.tidy(() => policy.predict(tf.tensor2d([[...state]])) as tf.Tensor);
    const [left, right] = await logits.data();
    logits.dispose();
    const result = env.step(right! > left! ? 1 : 0);
    over = result.terminated || result.truncated;
    state = result.state;
  }
  greedyTotal += env.steps;
}

const when = (level: number) => {
  const r = reached.get(level);
  return r ? `after ${r.steps.toLocaleString('en-US')} steps, ${r.seconds.toFixed(1)} s` : 'not reached';
};
table(
  [
    { measure: 'episodes played', value: lengths.length },
    { measure: 'environment steps', value: totalSteps },
    { measure: 'seconds', value: Number(seconds.toFixed(1)) },
    { measure: 'environment steps per second, acting (policy, physics, drawing)', value: Math.round(totalSteps / (seconds - trainingMs / 1000)) },
    { measure: 'training steps (one per episode) per second', value: Math.round(lengths.length / (trainingMs / 1000)) },
    { measure: 'states learned from per second in training', value: Math.round(totalSteps / (trainingMs / 1000)) },
    { measure: 'mean of last 100 reached 195', value: when(195) },
    { measure: `mean of last 100 reached ${SOLVED} (solved)`, value: when(SOLVED) },
    { measure: `greedy agent: mean length over ${GREEDY_EPISODES} episodes`, value: greedyTotal / GREEDY_EPISODES },
  ],
  { caption: `REINFORCE on CartPole-v1, on ${tf.getBackend()}` },
);
