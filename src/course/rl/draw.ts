/** Pictures of the two environments as `course.drawing` shapes. */
import type { Shape } from '../../runner/protocol.ts';
import { CARTPOLE, type CartPoleState } from './cartpole.ts';
import { type GridWorld } from './gridworld.ts';

export interface CartPoleDrawOptions {
  width?: number;
  height?: number;
  /** A line of text under the track, e.g. the episode and step. */
  caption?: string;
}

/** The cart on its track (the ends are the ±2.4 m limits) and the pole at its angle. */
export function drawCartPole(state: CartPoleState, options: CartPoleDrawOptions = {}): Shape[] {
  const width = options.width ?? 480;
  const height = options.height ?? 200;
  const metre = (width - 40) / (2 * CARTPOLE.xLimit);
  const trackY = height - 50;
  const cx = width / 2 + state[0] * metre;
  const cartW = 0.4 * metre;
  const cartH = 0.24 * metre;
  const poleLength = 2 * CARTPOLE.halfLength * metre;
  const axleY = trackY - cartH;
  const tip: [number, number] = [cx + Math.sin(state[2]) * poleLength, axleY - Math.cos(state[2]) * poleLength];
  const limit = (x: number): Shape => ({ type: 'line', points: [[x, trackY - 12], [x, trackY + 12]], stroke: '--color-error', lineWidth: 2 });
  const shapes: Shape[] = [
    { type: 'line', points: [[20, trackY], [width - 20, trackY]], stroke: '--color-text-muted', lineWidth: 2 },
    limit(20),
    limit(width - 20),
    { type: 'rect', x: cx - cartW / 2, y: axleY, width: cartW, height: cartH, fill: '--chart-1' },
    { type: 'line', points: [[cx, axleY], tip], stroke: '--chart-2', lineWidth: Math.max(4, 0.06 * metre) },
    { type: 'circle', x: cx, y: axleY, r: 4, fill: '--color-text' },
  ];
  if (options.caption) shapes.push({ type: 'text', x: width / 2, y: height - 20, text: options.caption, align: 'center', size: 13 });
  return shapes;
}

export interface GridDrawOptions {
  /** Pixels per cell (default 64). */
  cellSize?: number;
  /** One action per state to draw as an arrow (-1 for none). */
  policy?: readonly number[];
  /** A cell to mark with a dot, e.g. where the agent is. */
  agent?: number;
}

/** Width and height in pixels of `drawGrid`'s picture of `world`. */
export function gridSize(world: GridWorld, cellSize = 64): { width: number; height: number } {
  return { width: world.cols * cellSize + 1, height: world.rows * cellSize + 1 };
}

const ARROW: readonly [number, number][] = [[0, -1], [1, 0], [0, 1], [-1, 0]];

/**
 * A heatmap of state values (teal for positive, red for negative, stronger for larger),
 * each value written in its cell, with the policy as arrows. Walls are dark, the goal and
 * pits show their reward.
 */
export function drawGrid(world: GridWorld, values: ArrayLike<number>, options: GridDrawOptions = {}): Shape[] {
  const size = options.cellSize ?? 64;
  let scale = 1e-9;
  for (let s = 0; s < world.states; s++) if (world.isDecision(s)) scale = Math.max(scale, Math.abs(values[s]!));
  scale = Math.max(scale, Math.abs(world.rewards.goal), Math.abs(world.rewards.pit));
  const shade = (v: number) => {
    const alpha = (0.12 + 0.6 * Math.min(1, Math.abs(v) / scale)).toFixed(2);
    return v >= 0 ? `rgba(11, 150, 160, ${alpha})` : `rgba(210, 50, 50, ${alpha})`;
  };
  const shapes: Shape[] = [];
  for (let s = 0; s < world.states; s++) {
    const x = (s % world.cols) * size + 0.5;
    const y = Math.floor(s / world.cols) * size + 0.5;
    const cell = world.cell(s);
    const cx = x + size / 2;
    const cy = y + size / 2;
    if (cell === '#') {
      shapes.push({ type: 'rect', x, y, width: size, height: size, fill: '--color-text-muted' });
      continue;
    }
    if (cell === 'G' || cell === 'P') {
      const reward = cell === 'G' ? world.rewards.goal : world.rewards.pit;
      shapes.push(
        { type: 'rect', x, y, width: size, height: size, fill: shade(reward), stroke: '--color-border' },
        { type: 'text', x: cx, y: cy - size * 0.12, text: cell === 'G' ? 'goal' : 'pit', align: 'center', size: Math.round(size / 5) },
        { type: 'text', x: cx, y: cy + size * 0.18, text: signed(reward), align: 'center', size: Math.round(size / 5) },
      );
      continue;
    }
    const v = values[s]!;
    shapes.push(
      { type: 'rect', x, y, width: size, height: size, fill: shade(v), stroke: '--color-border' },
      { type: 'text', x: x + 4, y: y + size * 0.16, text: v.toFixed(1), size: Math.round(size / 5.5) },
    );
    if (cell === 'S') shapes.push({ type: 'text', x: x + size - 4, y: y + size * 0.16, text: 'S', align: 'right', size: Math.round(size / 5.5) });
    const a = options.policy?.[s] ?? -1;
    const dir = ARROW[a];
    if (dir) {
      const half = size * 0.22;
      shapes.push({ type: 'line', points: [[cx - dir[0] * half, cy + 4 - dir[1] * half], [cx + dir[0] * half, cy + 4 + dir[1] * half]], stroke: '--color-text', lineWidth: 2, arrow: true });
    }
    if (options.agent === s) shapes.push({ type: 'circle', x: cx, y: cy + 4, r: size * 0.12, fill: '--chart-2' });
  }
  return shapes;
}

function signed(v: number): string {
  return v > 0 ? `+${v}` : String(v);
}
