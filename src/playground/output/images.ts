import type { ImageItem, Output } from '../../runner/protocol.ts';
import { el } from './dom.ts';

function canvasFor(item: ImageItem, scale: number): HTMLCanvasElement {
  const canvas = el('canvas', { attrs: { role: 'img', 'aria-label': item.label ?? `${item.width} by ${item.height} image` } });
  canvas.width = item.width;
  canvas.height = item.height;
  canvas.style.width = `${item.width * scale}px`;
  canvas.style.height = `${item.height * scale}px`;
  // The typed array may be a view into a larger buffer; ImageData needs its own exact-size copy.
  const pixels = new Uint8ClampedArray(item.width * item.height * 4);
  pixels.set(item.data.subarray(0, pixels.length));
  canvas.getContext('2d')?.putImageData(new ImageData(pixels, item.width, item.height), 0, 0);
  return canvas;
}

/** A labelled grid of images; highlighted items (e.g. wrong predictions) are marked in words too. */
export function renderImages(container: HTMLElement, output: Extract<Output, { kind: 'images' }>): void {
  const first = output.items[0];
  const scale = output.scale ?? (first && first.width <= 64 ? Math.max(1, Math.floor(84 / first.width)) : 1);
  const grid = el('div', { class: 'pg-images' });
  if (output.columns) grid.style.gridTemplateColumns = `repeat(${output.columns}, max-content)`;
  for (const item of output.items) {
    const figure = el('figure', { class: item.highlight ? 'pg-image pg-image-wrong' : 'pg-image' }, [canvasFor(item, scale)]);
    if (item.label !== undefined || item.highlight) {
      const caption = el('figcaption', { text: item.label ?? '' });
      if (item.highlight) caption.prepend(el('span', { class: 'pg-sr-only', text: 'Mistake: ' }));
      figure.append(caption);
    }
    grid.append(figure);
  }
  const wrap = el('figure', { class: 'pg-image-grid' }, [grid]);
  if (output.caption) wrap.append(el('figcaption', { text: output.caption }));
  container.append(wrap);
}
