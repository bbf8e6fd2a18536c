/**
 * Vector drawings that can be redrawn in place: a frame of an animation (a cart balancing
 * a pole) or a picture that changes while code runs (a grid's values as they are learned).
 * `draw` may be called on every simulation step; frames are sent at most every
 * FRAME_INTERVAL_MS and a newer frame replaces one not yet sent, so a fast loop costs the
 * page nothing and the picture always shows the latest state.
 */
import type { Shape } from '../runner/protocol.ts';
import { getHost } from './host.ts';
import { send } from './outputs.ts';
import { throttle } from './throttle.ts';

/** About 30 frames a second: smooth enough to watch, cheap to send. */
export const FRAME_INTERVAL_MS = 33;

export type { Shape };

export interface DrawingOptions {
  width: number;
  height: number;
  caption?: string;
  /** What the picture shows, for screen readers; default the caption. */
  label?: string;
}

export interface Drawing {
  readonly id: string;
  /** Replaces the picture with these shapes (sent within FRAME_INTERVAL_MS). */
  draw(shapes: Shape[], label?: string): void;
  /** Sends the latest picture now, e.g. before a long pause. */
  flush(): void;
}

let nextId = 0;

function checkShapes(shapes: Shape[]): void {
  for (const [i, s] of shapes.entries()) {
    const numbers = s.type === 'line' ? s.points.flat() : s.type === 'circle' ? [s.x, s.y, s.r] : s.type === 'rect' ? [s.x, s.y, s.width, s.height] : [s.x, s.y];
    if (!numbers.every(Number.isFinite)) throw new RangeError(`drawing: shape ${i} (${s.type}) has a coordinate that is not a finite number: ${JSON.stringify(s)}`);
  }
}

/**
 * A canvas the code draws on with shapes (rect, line, circle, text).
 *
 * @example
 * const view = drawing({ width: 200, height: 100, caption: 'A ball' });
 * for (let x = 0; x < 200; x++) { view.draw([{ type: 'circle', x, y: 50, r: 10, fill: '--chart-1' }]); await sleep(20); }
 */
export function drawing(options: DrawingOptions): Drawing {
  const { width, height } = options;
  if (!(width > 0 && height > 0 && Number.isInteger(width) && Number.isInteger(height))) {
    throw new RangeError(`drawing: width and height must be positive whole numbers of pixels, got ${width} x ${height}`);
  }
  const host = getHost();
  const id = `drawing-${++nextId}`;
  let latest: { shapes: Shape[]; label: string } = { shapes: [], label: options.label ?? options.caption ?? 'drawing' };
  const sender = throttle(
    () => {
      const output = { kind: 'drawing' as const, id, width, height, label: latest.label, shapes: latest.shapes };
      send(options.caption === undefined ? output : { ...output, caption: options.caption }, host);
    },
    undefined,
    FRAME_INTERVAL_MS,
  );
  // An empty canvas at once, so the picture takes its place among the outputs where the
  // code made it, not where its first frame happened to be sent.
  sender.poke();
  return {
    id,
    draw(shapes, label) {
      checkShapes(shapes);
      latest = { shapes: [...shapes], label: label ?? latest.label };
      sender.poke();
    },
    flush() {
      sender.flush();
    },
  };
}
