/**
 * A grid world: the agent walks from a start cell to a goal, around walls and pits, one
 * cell per step. Moves are deterministic; walking into a wall or off the grid leaves the
 * agent where it is (and still costs a step). Entering the goal or a pit ends the episode.
 * States are cell indices, row by row: state = row * cols + column.
 */

/** '.' floor, 'S' start (floor), '#' wall, 'G' goal, 'P' pit. */
export type Cell = '.' | 'S' | '#' | 'G' | 'P';

export const ACTIONS = ['up', 'right', 'down', 'left'] as const;
export type Action = 0 | 1 | 2 | 3;
const MOVES: readonly [number, number][] = [[-1, 0], [0, 1], [1, 0], [0, -1]];

export interface GridRewards {
  /** Reward for every step that does not end the episode, usually a small cost (negative). */
  step: number;
  /** Reward for entering the goal. */
  goal: number;
  /** Reward for falling into a pit. */
  pit: number;
}

export const DEFAULT_REWARDS: GridRewards = { step: -1, goal: 10, pit: -10 };

export interface GridWorldOptions {
  /** One string per row, e.g. ['S..G', '.#.P']; exactly one 'S' and at least one 'G'. */
  layout: readonly string[];
  rewards?: Partial<GridRewards>;
}

export interface GridStep {
  next: number;
  reward: number;
  /** The agent reached the goal or a pit. */
  done: boolean;
}

export interface GridWorld {
  readonly rows: number;
  readonly cols: number;
  /** Number of states (cells, walls included, so that state = row * cols + column). */
  readonly states: number;
  readonly start: number;
  readonly rewards: GridRewards;
  cell(state: number): Cell;
  /** Goal and pit cells: an episode ends on entering them. */
  isTerminal(state: number): boolean;
  /** Cells the agent can stand on and act from: not walls, not terminal. */
  isDecision(state: number): boolean;
  step(state: number, action: number): GridStep;
}

export function gridWorld(options: GridWorldOptions): GridWorld {
  const { layout } = options;
  const rewards = { ...DEFAULT_REWARDS, ...options.rewards };
  for (const [name, value] of Object.entries(rewards)) {
    if (!Number.isFinite(value)) throw new RangeError(`gridWorld: reward "${name}" must be a finite number, got ${String(value)}`);
  }
  const rows = layout.length;
  const cols = layout[0]?.length ?? 0;
  if (rows === 0 || cols === 0) throw new RangeError('gridWorld: the layout needs at least one row of at least one cell');
  const cells: Cell[] = [];
  layout.forEach((row, r) => {
    if (row.length !== cols) throw new RangeError(`gridWorld: row ${r} ("${row}") has ${row.length} cells, row 0 has ${cols}; every row needs the same length`);
    for (const [c, ch] of [...row].entries()) {
      if (!'.S#GP'.includes(ch)) throw new RangeError(`gridWorld: row ${r}, column ${c} is "${ch}"; use . (floor), S (start), # (wall), G (goal) or P (pit)`);
      cells.push(ch as Cell);
    }
  });
  const starts = cells.flatMap((ch, s) => (ch === 'S' ? [s] : []));
  if (starts.length !== 1) throw new RangeError(`gridWorld: the layout needs exactly one start cell S, it has ${starts.length}`);
  if (!cells.includes('G')) throw new RangeError('gridWorld: the layout needs at least one goal cell G');
  const isTerminal = (s: number) => cells[s] === 'G' || cells[s] === 'P';
  return {
    rows,
    cols,
    states: cells.length,
    start: starts[0]!,
    rewards,
    cell: (s) => cells[s]!,
    isTerminal,
    isDecision: (s) => cells[s] !== '#' && !isTerminal(s),
    step(state, action) {
      const move = MOVES[action];
      if (!move) throw new RangeError(`gridWorld: action must be 0 (up), 1 (right), 2 (down) or 3 (left), got ${String(action)}`);
      if (!(state >= 0 && state < cells.length) || cells[state] === '#' || isTerminal(state)) {
        throw new RangeError(`gridWorld: state ${state} is not a cell the agent can act from`);
      }
      const r = Math.floor(state / cols) + move[0];
      const c = (state % cols) + move[1];
      const inside = r >= 0 && r < rows && c >= 0 && c < cols && cells[r * cols + c] !== '#';
      const next = inside ? r * cols + c : state;
      const cell = cells[next];
      const reward = cell === 'G' ? rewards.goal : cell === 'P' ? rewards.pit : rewards.step;
      return { next, reward, done: isTerminal(next) };
    },
  };
}

export interface ValueIterationResult {
  /** V*(s): the best expected discounted return from each state (0 for walls and terminals). */
  values: Float64Array;
  /** Q*(s, a) for every state, one array of 4 per state. */
  q: number[][];
  /** A greedy action per state (-1 where there is no decision to make). */
  policy: number[];
  /** The actions within `tolerance` of the best, per state: the optimum may tie. */
  optimalActions: number[][];
  sweeps: number;
}

/**
 * Value iteration: repeat V(s) <- max_a [r(s, a) + gamma * V(next)] over every state
 * until no value moves by more than `tolerance`. Exact for this small, known world.
 */
export function valueIteration(world: GridWorld, gamma: number, tolerance = 1e-10): ValueIterationResult {
  if (!(gamma >= 0 && gamma < 1)) throw new RangeError(`valueIteration: gamma must be in [0, 1), got ${gamma}`);
  const values = new Float64Array(world.states);
  const backup = (s: number, a: number) => {
    const { next, reward, done } = world.step(s, a);
    return done ? reward : reward + gamma * values[next]!;
  };
  let sweeps = 0;
  for (let delta = Infinity; delta > tolerance; sweeps++) {
    if (sweeps > 100_000) throw new Error('valueIteration did not converge in 100,000 sweeps');
    delta = 0;
    for (let s = 0; s < world.states; s++) {
      if (!world.isDecision(s)) continue;
      const best = Math.max(...ACTIONS.map((_, a) => backup(s, a)));
      delta = Math.max(delta, Math.abs(best - values[s]!));
      values[s] = best;
    }
  }
  const q = Array.from({ length: world.states }, (_, s) => (world.isDecision(s) ? ACTIONS.map((_, a) => backup(s, a)) : [0, 0, 0, 0]));
  const optimalActions = q.map((row, s) => (world.isDecision(s) ? row.flatMap((v, a) => (v >= Math.max(...row) - 1e-6 ? [a] : [])) : []));
  const policy = optimalActions.map((acts) => acts[0] ?? -1);
  return { values, q, policy, optimalActions, sweeps };
}

/** The index of the largest value (the first one on ties). */
export function argMax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
