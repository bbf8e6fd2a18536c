import { isTensorLike } from '../runner/format.ts';
import type { ImageItem, Output, Pixels } from '../runner/protocol.ts';
import { readsAtOnce, send } from './outputs.ts';
import { batchToPixels, checkBatchShape, imageShape, readImage, toPixels, type ImageSource, type TensorImage, type ValueRange } from './pixels.ts';

export interface ImageOptions {
  caption?: string;
  /** Label drawn under the image. */
  label?: string;
  /** Display magnification (pixelated), e.g. 4 for a 28x28 digit. */
  scale?: number;
  range?: ValueRange;
}

export interface ImageGridOptions {
  caption?: string;
  /** Images per row. */
  columns?: number;
  /** One label per image. */
  labels?: readonly (string | number)[];
  /** Which labels to draw in the error colour, e.g. wrong predictions. */
  highlight?: readonly boolean[] | ((index: number) => boolean);
  scale?: number;
  range?: ValueRange;
}

type ImagesOutput = Extract<Output, { kind: 'images' }>;

function withOptional<T extends object>(base: T, extra: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (base as Record<string, unknown>)[k] = v;
  return base;
}

/** Throws at the caller's line for a shape that can't be an image, before any async read. */
function checkSource(source: ImageSource): void {
  if (isTensorLike(source)) imageShape(source.shape);
}

/**
 * Shows one image from a tensor (`[h, w]`, `[h, w, 1]`, `[h, w, 3]`, `[h, w, 4]`; values
 * 0-1 or 0-255) or RGBA pixels.
 */
export function image(source: ImageSource, options: ImageOptions = {}): void {
  checkSource(source);
  const output = (pixels: Pixels): ImagesOutput => {
    const item: ImageItem = withOptional({ ...pixels }, { label: options.label });
    return withOptional<ImagesOutput>({ kind: 'images', items: [item] }, { caption: options.caption, scale: options.scale });
  };
  send(readsAtOnce([source].filter(isTensorLike)) ? output(toPixels(source, options.range)) : readImage(source, options.range).then(output));
}

/** Builds the grid message from decoded images; exported for tests. */
export function imageGridOutput(pixels: readonly Pixels[], options: ImageGridOptions = {}): ImagesOutput {
  if (options.labels && options.labels.length !== pixels.length) {
    throw new RangeError(`imageGrid: ${options.labels.length} labels for ${pixels.length} images`);
  }
  const highlight = options.highlight;
  const isHighlighted = typeof highlight === 'function' ? highlight : (i: number) => highlight?.[i] ?? false;
  const items = pixels.map((p, i) => {
    const item: ImageItem = { ...p };
    if (options.labels) item.label = String(options.labels[i]);
    if (isHighlighted(i)) item.highlight = true;
    return item;
  });
  return withOptional<ImagesOutput>({ kind: 'images', items }, { caption: options.caption, columns: options.columns, scale: options.scale });
}

/**
 * Shows many images in a labelled grid: an array of images, or one batch tensor
 * `[n, h, w]` / `[n, h, w, channels]`.
 *
 * @example imageGrid(xs.slice(0, 16), { columns: 8, labels: preds, highlight: preds.map((p, i) => p !== truth[i]) })
 */
export function imageGrid(items: readonly ImageSource[] | TensorImage, options: ImageGridOptions = {}): void {
  const list = isTensorLike(items) ? undefined : (items as readonly ImageSource[]);
  if (list) list.forEach(checkSource);
  else checkBatchShape((items as TensorImage).shape);
  const count = list ? list.length : (items as TensorImage).shape[0]!;
  if (options.labels && options.labels.length !== count) {
    throw new RangeError(`imageGrid: ${options.labels.length} labels for ${count} images`);
  }
  const tensors = list ? list.filter(isTensorLike) : [items];
  if (readsAtOnce(tensors)) {
    const pixels = list ? list.map((s) => toPixels(s, options.range)) : batchToPixels(items as TensorImage, options.range);
    send(imageGridOutput(pixels, options));
    return;
  }
  let pixels: Promise<Pixels[]>;
  if (list) {
    pixels = Promise.all(list.map((s) => readImage(s, options.range)));
  } else {
    const batch = items as TensorImage;
    pixels = batch.data().then((read) => batchToPixels(batch, options.range, read as ArrayLike<number>));
  }
  send(pixels.then((p) => imageGridOutput(p, options)));
}
