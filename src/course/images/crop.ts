/** Pure geometry for fitting photos to a model's input. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The largest box with aspect ratio `aspect` (width / height) centred in a
 * `width` x `height` image: what a centre crop keeps before resizing.
 */
export function centerCropBox(width: number, height: number, aspect: number): Box {
  if (!(width > 0 && height > 0 && aspect > 0)) throw new RangeError(`centerCropBox: need positive sizes, got ${width}x${height}, aspect ${aspect}`);
  if (width / height > aspect) {
    const w = Math.max(1, Math.round(height * aspect));
    return { x: Math.floor((width - w) / 2), y: 0, width: w, height };
  }
  const h = Math.max(1, Math.round(width / aspect));
  return { x: 0, y: Math.floor((height - h) / 2), width, height: h };
}
