/**
 * `course.drawing` on the page: one canvas per drawing id, repainted in place when a new
 * frame arrives. Colours named as custom properties (`--chart-1`) come from the page's
 * theme, so a drawing follows light and dark mode like the charts.
 */
import type { Output, Shape } from '../../runner/protocol.ts';
import { el } from './dom.ts';

/** The part of CanvasRenderingContext2D the painter uses (a fake one in tests). */
export type Painter = Pick<
  CanvasRenderingContext2D,
  'clearRect' | 'fillRect' | 'strokeRect' | 'beginPath' | 'moveTo' | 'lineTo' | 'arc' | 'fill' | 'stroke' | 'fillText' | 'closePath'
> & { fillStyle: unknown; strokeStyle: unknown; lineWidth: number; font: string; textAlign: CanvasTextAlign; textBaseline: CanvasTextBaseline };

/** Paints `shapes` in order on a cleared `width` x `height` area. */
export function paintShapes(ctx: Painter, width: number, height: number, shapes: readonly Shape[], colour: (css: string) => string): void {
  ctx.clearRect(0, 0, width, height);
  for (const s of shapes) {
    ctx.lineWidth = s.type === 'text' ? 1 : (s.lineWidth ?? 1);
    switch (s.type) {
      case 'rect':
        if (s.fill) {
          ctx.fillStyle = colour(s.fill);
          ctx.fillRect(s.x, s.y, s.width, s.height);
        }
        if (s.stroke) {
          ctx.strokeStyle = colour(s.stroke);
          ctx.strokeRect(s.x, s.y, s.width, s.height);
        }
        break;
      case 'circle':
        ctx.beginPath();
        ctx.arc(s.x, s.y, s.r, 0, 2 * Math.PI);
        if (s.fill) {
          ctx.fillStyle = colour(s.fill);
          ctx.fill();
        }
        if (s.stroke) {
          ctx.strokeStyle = colour(s.stroke);
          ctx.stroke();
        }
        break;
      case 'line': {
        const [first, ...rest] = s.points;
        if (!first) break;
        ctx.strokeStyle = colour(s.stroke);
        ctx.beginPath();
        ctx.moveTo(first[0], first[1]);
        for (const [x, y] of rest) ctx.lineTo(x, y);
        ctx.stroke();
        const tip = s.points.at(-1)!;
        const from = s.points.at(-2);
        if (s.arrow && from) paintArrowHead(ctx, from, tip, colour(s.stroke), 3 + 2 * (s.lineWidth ?? 1));
        break;
      }
      case 'text':
        ctx.fillStyle = colour(s.fill ?? '--color-text');
        ctx.font = `${s.size ?? 12}px system-ui, sans-serif`;
        ctx.textAlign = s.align ?? 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(s.text, s.x, s.y);
        break;
    }
  }
}

function paintArrowHead(ctx: Painter, from: [number, number], tip: [number, number], fill: string, size: number): void {
  const angle = Math.atan2(tip[1] - from[1], tip[0] - from[0]);
  ctx.fillStyle = fill;
  ctx.beginPath();
  ctx.moveTo(tip[0], tip[1]);
  ctx.lineTo(tip[0] - size * Math.cos(angle - 0.5), tip[1] - size * Math.sin(angle - 0.5));
  ctx.lineTo(tip[0] - size * Math.cos(angle + 0.5), tip[1] - size * Math.sin(angle + 0.5));
  ctx.closePath();
  ctx.fill();
}

/** Resolves `--name` against `element`'s computed style; other CSS colours pass through. */
function themeColours(element: Element): (css: string) => string {
  const cache = new Map<string, string>();
  return (css) => {
    if (!css.startsWith('--')) return css;
    let value = cache.get(css);
    if (value === undefined) {
      value = getComputedStyle(element).getPropertyValue(css).trim() || 'gray';
      cache.set(css, value);
    }
    return value;
  };
}

type DrawingOutput = Extract<Output, { kind: 'drawing' }>;

/** One drawing on the page; `update` repaints it with a newer frame. */
export class DrawingView {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  /** Frames painted so far (the e2e test reads it to see the animation run). */
  frames = 0;

  constructor(output: DrawingOutput) {
    this.canvas = el('canvas', { attrs: { role: 'img' } });
    this.element = el('figure', { class: 'pg-drawing' }, [this.canvas]);
    if (output.caption) this.element.append(el('figcaption', { text: output.caption }));
    this.update(output);
  }

  update(output: DrawingOutput): void {
    const { width, height } = output;
    // Sharp on high-density screens: the backing store has device pixels, the shapes CSS pixels.
    const ratio = Math.max(1, Math.round(globalThis.devicePixelRatio ?? 1));
    if (this.canvas.width !== width * ratio || this.canvas.height !== height * ratio) {
      this.canvas.width = width * ratio;
      this.canvas.height = height * ratio;
      this.canvas.style.width = `${width}px`;
      this.canvas.style.aspectRatio = `${width} / ${height}`;
    }
    this.canvas.setAttribute('aria-label', output.label);
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    // The theme's custom properties live on the root; a frame painted before the figure is
    // in the document would otherwise find none.
    paintShapes(ctx, width, height, output.shapes, themeColours(this.element.isConnected ? this.element : document.documentElement));
    this.frames++;
    this.element.dataset.frames = String(this.frames);
  }
}
