/**
 * CartPole with Gymnasium's CartPole-v1 dynamics (gymnasium/envs/classic_control/
 * cartpole.py): a pole hinged on a cart that the agent pushes left or right with a fixed
 * force. Euler integration, 50 steps per simulated second; reward 1 for every step, the
 * last one included. Plain numbers, no tensors: a step costs well under a microsecond.
 */
import { seededRandom } from '../data/shuffle.ts';

export const CARTPOLE = {
  gravity: 9.8,
  cartMass: 1.0,
  poleMass: 0.1,
  /** Half the pole's length, in metres (Gymnasium calls it `length`). */
  halfLength: 0.5,
  forceMag: 10.0,
  /** Seconds per step. */
  tau: 0.02,
  /** The episode ends when the pole leans further than this (12 degrees)... */
  thetaLimit: (12 * 2 * Math.PI) / 360,
  /** ...or the cart leaves the track. */
  xLimit: 2.4,
  /** CartPole-v1's time limit: the episode is cut off (truncated) after this many steps. */
  maxSteps: 500,
} as const;

/** [cart position (m), cart velocity (m/s), pole angle (rad, 0 = upright), pole angular velocity (rad/s)]. */
export type CartPoleState = readonly [number, number, number, number];

/** 0 pushes the cart left, 1 pushes it right. */
export type CartPoleAction = 0 | 1;

/** One step of the equations of motion; `terminated` when the pole fell or the cart left the track. */
export function cartPoleStep(state: CartPoleState, action: number): { state: CartPoleState; terminated: boolean } {
  if (action !== 0 && action !== 1) throw new RangeError(`CartPole action must be 0 (push left) or 1 (push right), got ${String(action)}`);
  const { gravity, cartMass, poleMass, halfLength, forceMag, tau, thetaLimit, xLimit } = CARTPOLE;
  const [x, xDot, theta, thetaDot] = state;
  const totalMass = cartMass + poleMass;
  const poleMassLength = poleMass * halfLength;
  const force = action === 1 ? forceMag : -forceMag;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
  const thetaAcc = (gravity * sin - cos * temp) / (halfLength * (4 / 3 - (poleMass * cos * cos) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
  // Explicit Euler, in Gymnasium's order: positions move with the old velocities.
  const next: CartPoleState = [x + tau * xDot, xDot + tau * xAcc, theta + tau * thetaDot, thetaDot + tau * thetaAcc];
  const terminated = next[0] < -xLimit || next[0] > xLimit || next[2] < -thetaLimit || next[2] > thetaLimit;
  return { state: next, terminated };
}

export interface StepResult {
  state: CartPoleState;
  reward: number;
  /** The pole fell or the cart left the track: there is no next state to learn from. */
  terminated: boolean;
  /** Cut off by the time limit while still balancing: the future would have gone on. */
  truncated: boolean;
}

export interface CartPoleOptions {
  /** Seed for the start states; default a random one. */
  seed?: number;
  /** Time limit in steps (default 500, CartPole-v1's). */
  maxSteps?: number;
}

export interface CartPole {
  readonly state: CartPoleState;
  /** Steps taken in the current episode. */
  readonly steps: number;
  /** Starts an episode: every state variable uniform in [-0.05, 0.05]. */
  reset(): CartPoleState;
  step(action: number): StepResult;
}

/**
 * A CartPole environment: `reset()`, then `step(action)` until `terminated` or `truncated`.
 *
 * @example
 * const env = rl.cartPole({ seed: 1 });
 * let s = env.reset(), done = false;
 * while (!done) { const r = env.step(s[2] > 0 ? 1 : 0); s = r.state; done = r.terminated || r.truncated; }
 */
export function cartPole(options: CartPoleOptions = {}): CartPole {
  const maxSteps = options.maxSteps ?? CARTPOLE.maxSteps;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new RangeError(`cartPole: maxSteps must be a positive integer, got ${maxSteps}`);
  const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  let state: CartPoleState = [0, 0, 0, 0];
  let steps = 0;
  let over = true;
  const uniform = () => (random() * 2 - 1) * 0.05;
  return {
    get state() {
      return state;
    },
    get steps() {
      return steps;
    },
    reset() {
      state = [uniform(), uniform(), uniform(), uniform()];
      steps = 0;
      over = false;
      return state;
    },
    step(action) {
      if (over) throw new Error('cartPole: the episode is over; call reset() to start a new one');
      const result = cartPoleStep(state, action);
      state = result.state;
      steps++;
      const truncated = !result.terminated && steps >= maxSteps;
      over = result.terminated || truncated;
      return { state, reward: 1, terminated: result.terminated, truncated };
    },
  };
}
