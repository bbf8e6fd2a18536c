/** Chapter 9's environments: CartPole-v1's equations and limits, the grid world, value iteration. */
import { describe, expect, it } from 'vitest';
import { CARTPOLE, cartPole, cartPoleStep, type CartPoleState } from '../../src/course/rl/cartpole.ts';
import { gridWorld, valueIteration } from '../../src/course/rl/gridworld.ts';

/**
 * Gymnasium's CartPoleEnv.step (gymnasium/envs/classic_control/cartpole.py, euler
 * integrator), transcribed here on its own with its constants, to check ours against.
 */
function gymnasiumStep([x, xDot, theta, thetaDot]: number[], action: number): { state: number[]; terminated: boolean } {
  const gravity = 9.8, masscart = 1.0, masspole = 0.1, length = 0.5, forceMag = 10.0, tau = 0.02;
  const totalMass = masspole + masscart;
  const polemassLength = masspole * length;
  const thetaThresholdRadians = (12 * 2 * Math.PI) / 360;
  const xThreshold = 2.4;
  const force = action === 1 ? forceMag : -forceMag;
  const costheta = Math.cos(theta!);
  const sintheta = Math.sin(theta!);
  const temp = (force + polemassLength * thetaDot! ** 2 * sintheta) / totalMass;
  const thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - (masspole * costheta ** 2) / totalMass));
  const xacc = temp - (polemassLength * thetaacc * costheta) / totalMass;
  const nx = x! + tau * xDot!;
  const nxDot = xDot! + tau * xacc;
  const nTheta = theta! + tau * thetaDot!;
  const nThetaDot = thetaDot! + tau * thetaacc;
  const terminated = nx < -xThreshold || nx > xThreshold || nTheta < -thetaThresholdRadians || nTheta > thetaThresholdRadians;
  return { state: [nx, nxDot, nTheta, nThetaDot], terminated };
}

describe('CartPole-v1', () => {
  it('steps exactly as Gymnasium does, from several states and both actions', () => {
    const states: CartPoleState[] = [
      [0, 0, 0, 0],
      [0.03, -0.02, 0.04, 0.01],
      [-1.2, 0.8, -0.15, 1.3],
      [2.0, -1.5, 0.2, -2.0],
      [0.5, 3.0, -0.05, 0.4],
    ];
    for (const s of states) {
      for (const a of [0, 1]) {
        const ours = cartPoleStep(s, a);
        const theirs = gymnasiumStep([...s], a);
        ours.state.forEach((v, i) => expect(Math.abs(v - theirs.state[i]!)).toBeLessThan(1e-9));
        expect(ours.terminated).toBe(theirs.terminated);
      }
    }
    // One known step: pushing right from rest accelerates the cart right, tilts the pole left.
    const { state } = cartPoleStep([0, 0, 0, 0], 1);
    expect(state[0]).toBe(0);
    expect(state[1]).toBeGreaterThan(0);
    expect(state[3]).toBeLessThan(0);
  });

  it('terminates past 12 degrees or 2.4 m, not at them', () => {
    const limit = CARTPOLE.thetaLimit;
    expect(limit).toBeCloseTo((12 * Math.PI) / 180, 12);
    // theta moves by tau * thetaDot: land just inside and just outside the limit.
    expect(cartPoleStep([0, 0, limit - 0.001, 0], 0).terminated).toBe(false);
    expect(cartPoleStep([0, 0, limit - 0.001, 0.1], 0).terminated).toBe(true);
    expect(cartPoleStep([0, 0, -limit + 0.001, -0.1], 1).terminated).toBe(true);
    expect(cartPoleStep([2.39, 0, 0, 0], 1).terminated).toBe(false);
    expect(cartPoleStep([2.39, 1, 0, 0], 1).terminated).toBe(true);
    expect(cartPoleStep([-2.39, -1, 0, 0], 0).terminated).toBe(true);
  });

  it('truncates a balancing episode at 500 steps and starts every episode within 0.05', () => {
    const env = cartPole({ seed: 3 });
    for (let episode = 0; episode < 50; episode++) {
      const s = env.reset();
      expect(s.every((v) => Math.abs(v) <= 0.05)).toBe(true);
    }
    // A hand-made controller (push towards where the pole leans, damped) that balances.
    let s = env.reset();
    let last = env.step(0);
    while (!last.terminated && !last.truncated) {
      s = last.state;
      last = env.step(s[2] + 0.3 * s[3] + 0.01 * s[0] + 0.05 * s[1] > 0 ? 1 : 0);
    }
    expect(last.terminated).toBe(false);
    expect(last.truncated).toBe(true);
    expect(env.steps).toBe(500);
    expect(() => env.step(0)).toThrow(/episode is over; call reset/);
    expect(() => cartPoleStep([0, 0, 0, 0], 2)).toThrow(/0 \(push left\) or 1 \(push right\)/);
  });

  it('gives the same start states for the same seed', () => {
    const a = cartPole({ seed: 7 });
    const b = cartPole({ seed: 7 });
    expect(a.reset()).toEqual(b.reset());
    expect(cartPole({ seed: 8 }).reset()).not.toEqual(cartPole({ seed: 7 }).reset());
  });
});

describe('grid world', () => {
  it('moves one cell per step, stays put at walls and edges, ends in goals and pits', () => {
    const w = gridWorld({ layout: ['S.#G', '..P.'], rewards: { step: -1, goal: 5, pit: -7 } });
    expect([w.rows, w.cols, w.states, w.start]).toEqual([2, 4, 8, 0]);
    expect(w.step(0, 1)).toEqual({ next: 1, reward: -1, done: false }); // right
    expect(w.step(1, 1)).toEqual({ next: 1, reward: -1, done: false }); // into the wall
    expect(w.step(0, 0)).toEqual({ next: 0, reward: -1, done: false }); // off the top
    expect(w.step(5, 1)).toEqual({ next: 6, reward: -7, done: true }); // into the pit
    expect(w.step(7, 0)).toEqual({ next: 3, reward: 5, done: true }); // up into the goal
    expect(w.isDecision(2)).toBe(false);
    expect(w.isTerminal(6)).toBe(true);
    expect(() => w.step(6, 0)).toThrow(/not a cell the agent can act from/);
    expect(() => w.step(0, 4)).toThrow(/0 \(up\), 1 \(right\), 2 \(down\) or 3 \(left\)/);
  });

  it('says what is wrong with a layout', () => {
    expect(() => gridWorld({ layout: ['S..', '..'] })).toThrow(/row 1 \("\.\."\) has 2 cells, row 0 has 3/);
    expect(() => gridWorld({ layout: ['S.X'] })).toThrow(/row 0, column 2 is "X"/);
    expect(() => gridWorld({ layout: ['..G'] })).toThrow(/exactly one start cell S, it has 0/);
    expect(() => gridWorld({ layout: ['S..'] })).toThrow(/at least one goal cell G/);
    expect(() => gridWorld({ layout: ['S.G'], rewards: { goal: Number.NaN } })).toThrow(/reward "goal" must be a finite number/);
  });

  it('value iteration gives the values worked out by hand on a corridor', () => {
    // S . . G with step -1, goal +10, gamma 0.9: V = 10 next to the goal, then -1 + 0.9 V.
    const w = gridWorld({ layout: ['S..G'], rewards: { step: -1, goal: 10 } });
    const { values, policy, optimalActions } = valueIteration(w, 0.9);
    expect(values[2]).toBeCloseTo(10, 9);
    expect(values[1]).toBeCloseTo(8, 9);
    expect(values[0]).toBeCloseTo(6.2, 9);
    expect(policy.slice(0, 3)).toEqual([1, 1, 1]);
    expect(optimalActions[3]).toEqual([]);
    // Two equally short ways round a wall are both optimal.
    const tie = valueIteration(gridWorld({ layout: ['S.', '.G'] }), 0.9);
    expect(tie.optimalActions[0]).toEqual([1, 2]);
    expect(() => valueIteration(w, 1)).toThrow(/gamma must be in \[0, 1\)/);
  });
});
