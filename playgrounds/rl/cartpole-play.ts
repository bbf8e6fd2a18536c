// Watch a trained agent balance the pole, in real time, then score it over 100 episodes.
import * as tf from '@tensorflow/tfjs';
import { drawing, models, param, recall, rl, table } from 'course';

// 'course': the agent this course trained (scripts/train/cartpole.ts), a 2.4 KB download.
// 'yours': the one you trained above, kept on this page or stored in this browser.
const AGENT = param('agent', 'course', { choices: ['course', 'yours'] });
const SPEED = param('speed', 1, { label: 'speed (1 = real time)', min: 1, max: 20 });
const SCORED_EPISODES = 100;

const started = performance.now();
const policy = AGENT === 'course' ? await models.trained('cartpole') : await recall<tf.LayersModel>('cartpole-agent', { from: 'Train the agent' });
console.log(`${AGENT === 'course' ? "The course's" : 'Your'} agent is ready after ${((performance.now() - started) / 1000).toFixed(2)} s: ${policy.countParams()} weights.`);

// Greedy: always the action with the higher score.
async function act(state: rl.CartPoleState): Promise<number> {
  const logits = tf.tidy(() => policy.predict(tf.tensor2d([[...state]])) as tf.Tensor);
  const [left, right] = await logits.data();
  logits.dispose();
  return right! > left! ? 1 : 0;
}

async function playEpisode(env: rl.CartPole, onStep?: (state: rl.CartPoleState) => Promise<void>): Promise<number> {
  let state = env.reset();
  for (let over = false; !over; ) {
    const result = env.step(await act(state));
    over = result.terminated || result.truncated;
    state = result.state;
    await onStep?.(state);
  }
  return env.steps;
}

// One episode you can watch: a step is 0.02 simulated seconds.
const view = drawing({ width: 480, height: 200, caption: 'The greedy agent' });
const watchEnv = rl.cartPole();
const watched = await playEpisode(watchEnv, async (state) => {
  view.draw(rl.drawCartPole(state, { caption: `step ${watchEnv.steps}` }), `Step ${watchEnv.steps}: pole at ${((state[2] * 180) / Math.PI).toFixed(1)}°, cart at ${state[0].toFixed(2)} m`);
  await new Promise((resolve) => setTimeout(resolve, (rl.CARTPOLE.tau * 1000) / SPEED));
});
console.log(`The episode you watched lasted ${watched} steps (${(watched * rl.CARTPOLE.tau).toFixed(1)} simulated seconds).`);

// Its score: 100 more episodes at full speed, start states from a fixed seed.
const env = rl.cartPole({ seed: 2024 });
const lengths: number[] = [];
for (let i = 0; i < SCORED_EPISODES; i++) lengths.push(await playEpisode(env));
const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
table(
  [
    { measure: 'mean episode length', value: mean },
    { measure: 'shortest episode', value: Math.min(...lengths) },
    { measure: 'episodes that reached the 500-step limit', value: lengths.filter((n) => n === rl.CARTPOLE.maxSteps).length },
    { measure: 'solved (mean of 100 at least 475)', value: mean >= 475 ? 'yes' : 'no' },
  ],
  { caption: `${AGENT === 'course' ? "The course's" : 'Your'} greedy agent over ${SCORED_EPISODES} episodes` },
);
// The course's copy was loaded for this run only; yours stays kept for the page.
if (AGENT === 'course') policy.dispose();
