// Environments for reinforcement learning (chapter 9), re-exported as `course.rl`.
export { cartPole, cartPoleStep, CARTPOLE } from './cartpole.ts';
export type { CartPole, CartPoleAction, CartPoleOptions, CartPoleState, StepResult } from './cartpole.ts';
export { gridWorld, valueIteration, argMax, ACTIONS, DEFAULT_REWARDS } from './gridworld.ts';
export type { Action, Cell, GridRewards, GridStep, GridWorld, GridWorldOptions, ValueIterationResult } from './gridworld.ts';
export { drawCartPole, drawGrid, gridSize } from './draw.ts';
export type { CartPoleDrawOptions, GridDrawOptions } from './draw.ts';
// Repeatable random numbers for a seeded run (mulberry32, as the data splits use).
export { seededRandom } from '../data/shuffle.ts';
