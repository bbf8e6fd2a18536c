/** `course.drawing` (frames sent throttled, latest wins) and its painter on the page. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as course from '../../src/course/index.ts';
import { setHost } from '../../src/course/host.ts';
import { createNodeHost, type NodeHost } from '../../src/course/hosts/node.ts';
import { FRAME_INTERVAL_MS } from '../../src/course/drawing.ts';
import { drawCartPole, drawGrid } from '../../src/course/rl/draw.ts';
import { gridWorld } from '../../src/course/rl/gridworld.ts';
import { flushAll } from '../../src/course/throttle.ts';
import { paintShapes, type Painter } from '../../src/playground/output/drawing.ts';
import type { Output, Shape } from '../../src/runner/protocol.ts';

let host: NodeHost;
beforeEach(() => {
  host = createNodeHost({ assetDir: 'public' });
  setHost(host);
});
afterEach(() => {
  vi.useRealTimers();
  setHost(undefined);
});
const frames = () => host.outputs.filter((o): o is Extract<Output, { kind: 'drawing' }> => o.kind === 'drawing');

describe('course.drawing', () => {
  it('shows an empty canvas at once, then only the latest frame per interval', () => {
    vi.useFakeTimers();
    const view = course.drawing({ width: 100, height: 50, caption: 'A ball' });
    expect(frames()).toEqual([{ kind: 'drawing', id: view.id, width: 100, height: 50, caption: 'A ball', label: 'A ball', shapes: [] }]);
    for (let x = 0; x < 100; x++) view.draw([{ type: 'circle', x, y: 25, r: 5, fill: '--chart-1' }]);
    expect(frames()).toHaveLength(1);
    vi.advanceTimersByTime(FRAME_INTERVAL_MS);
    expect(frames()).toHaveLength(2);
    const last = frames().at(-1)!;
    expect(last).toMatchObject({ id: view.id, width: 100, height: 50, caption: 'A ball', label: 'A ball' });
    expect(last.shapes).toEqual([{ type: 'circle', x: 99, y: 25, r: 5, fill: '--chart-1' }]);
    view.draw([], 'empty now');
    flushAll();
    expect(frames().at(-1)).toMatchObject({ shapes: [], label: 'empty now' });
  });

  it('names a shape with a bad coordinate, and a bad size', () => {
    const view = course.drawing({ width: 10, height: 10 });
    expect(() => view.draw([{ type: 'rect', x: 0, y: Number.NaN, width: 1, height: 1 }])).toThrow(/shape 0 \(rect\) has a coordinate that is not a finite number/);
    expect(() => course.drawing({ width: 0, height: 10 })).toThrow(/positive whole numbers of pixels, got 0 x 10/);
  });
});

/** Records what a canvas would be asked to do. */
function fakePainter(): Painter & { calls: string[] } {
  const calls: string[] = [];
  const rec = (name: string) => (...args: unknown[]) => void calls.push(`${name}(${args.map((a) => (typeof a === 'number' ? Math.round(a) : a)).join(',')})`);
  const ctx = {
    calls,
    fillStyle: '' as unknown,
    strokeStyle: '' as unknown,
    lineWidth: 1,
    font: '',
    textAlign: 'left' as CanvasTextAlign,
    textBaseline: 'alphabetic' as CanvasTextBaseline,
    clearRect: rec('clearRect'),
    fillRect: (...a: number[]) => calls.push(`fillRect[${String(ctx.fillStyle)}](${a.join(',')})`),
    strokeRect: rec('strokeRect'),
    beginPath: rec('beginPath'),
    moveTo: rec('moveTo'),
    lineTo: rec('lineTo'),
    arc: rec('arc'),
    fill: () => calls.push(`fill[${String(ctx.fillStyle)}]`),
    stroke: () => calls.push(`stroke[${String(ctx.strokeStyle)}]`),
    fillText: (t: string, x: number, y: number) => calls.push(`fillText[${ctx.font}|${ctx.textAlign}](${t},${x},${y})`),
    closePath: rec('closePath'),
  };
  return ctx as unknown as Painter & { calls: string[] };
}

describe('painting shapes', () => {
  it('clears, then paints each shape in order with theme colours resolved', () => {
    const ctx = fakePainter();
    const shapes: Shape[] = [
      { type: 'rect', x: 1, y: 2, width: 3, height: 4, fill: '--chart-1' },
      { type: 'line', points: [[0, 0], [10, 0]], stroke: 'red', arrow: true },
      { type: 'circle', x: 5, y: 5, r: 2, stroke: 'blue' },
      { type: 'text', x: 7, y: 8, text: 'hi', size: 10, align: 'center' },
    ];
    paintShapes(ctx, 20, 10, shapes, (c) => (c === '--chart-1' ? '#5b3cc4' : c === '--color-text' ? '#000' : c));
    expect(ctx.calls).toEqual([
      'clearRect(0,0,20,10)',
      'fillRect[#5b3cc4](1,2,3,4)',
      'beginPath()', 'moveTo(0,0)', 'lineTo(10,0)', 'stroke[red]',
      // The arrow head: a filled triangle at the line's end, pointing along it.
      'beginPath()', 'moveTo(10,0)', 'lineTo(6,2)', 'lineTo(6,-2)', 'closePath()', 'fill[red]',
      'beginPath()', 'arc(5,5,2,0,6)', 'stroke[blue]',
      'fillText[10px system-ui, sans-serif|center](hi,7,8)',
    ]);
  });
});

describe('pictures of the environments', () => {
  it('draws the pole from the cart at its angle, within the picture', () => {
    const upright = drawCartPole([0, 0, 0, 0]);
    const leaning = drawCartPole([1, 0, 0.2, 0]);
    const pole = (s: Shape[]) => s.find((x): x is Extract<Shape, { type: 'line' }> => x.type === 'line' && x.stroke === '--chart-2')!;
    const [[bx], [tx, ty]] = pole(upright).points as [number, number][];
    expect(tx).toBeCloseTo(bx!, 9); // upright: the tip is straight above the axle
    const [[lbx], [ltx]] = pole(leaning).points as [number, number][];
    expect(lbx! - bx!).toBeGreaterThan(80); // 1 m to the right
    expect(ltx! - lbx!).toBeGreaterThan(0); // leaning right
    expect(ty).toBeGreaterThan(0);
  });

  it('writes each value in its cell, arrows for the policy, walls and terminals marked', () => {
    const w = gridWorld({ layout: ['S#G'] });
    const shapes = drawGrid(w, [6.5, 0, 0], { policy: [1, -1, -1] });
    const texts = shapes.flatMap((s) => (s.type === 'text' ? [s.text] : []));
    expect(texts).toEqual(['6.5', 'S', 'goal', '+10']);
    expect(shapes.filter((s) => s.type === 'line' && s.arrow)).toHaveLength(1);
    expect(shapes.filter((s) => s.type === 'rect' && s.fill === '--color-text-muted')).toHaveLength(1);
  });
});
