/**
 * Data augmentation, the pure part: drawing random transforms from a seeded generator and
 * turning the geometric ones into the 8-number projective map `tf.image.transform` takes.
 * Works for any image size and channel count (chapter 5's 28x28 grey signs, chapter 6's
 * 224x224 colour photos); `augment.ts` applies them with TF.js.
 */
import { seededRandom } from '../data/shuffle.ts';

/** Ranges to draw from; a transform left out (or 0 / false) is not applied. */
export interface AugmentRanges {
  /** Mirror left-right with probability 1/2. */
  flipHorizontal?: boolean;
  /** Mirror top-bottom with probability 1/2 (wrong for hand signs and most photos: see chapter 5). */
  flipVertical?: boolean;
  /** Largest rotation in degrees, either way. */
  rotation?: number;
  /** Largest change of scale: 0.1 draws a zoom factor from 0.9 to 1.1 (above 1 enlarges the content). */
  zoom?: number;
  /** Largest horizontal shift as a fraction of the width (0.1: up to 10% left or right). */
  shiftX?: number;
  /** Largest vertical shift as a fraction of the height. */
  shiftY?: number;
  /** Largest change of brightness: 0.2 multiplies pixel values by 0.8 to 1.2. */
  brightness?: number;
  /** Largest change of contrast: 0.5 scales each image's distance from its mean by 0.5 to 1.5. */
  contrast?: number;
}

/** One image's transform. `IDENTITY` changes nothing. */
export interface Augmentation {
  flipHorizontal: boolean;
  flipVertical: boolean;
  /** Degrees, counter-clockwise as the image is shown. */
  angle: number;
  /** Scale of the content about the centre. */
  zoom: number;
  /** Fractions of the width / height; positive moves the content right / down. */
  shiftX: number;
  shiftY: number;
  /** Factors: brightness multiplies, contrast scales the distance from the image's mean. */
  brightness: number;
  contrast: number;
}

export const IDENTITY: Readonly<Augmentation> = { flipHorizontal: false, flipVertical: false, angle: 0, zoom: 1, shiftX: 0, shiftY: 0, brightness: 1, contrast: 1 };

/** The 8 numbers of one row of `tf.image.transform`'s `transforms`. */
export type ProjectiveMap = [number, number, number, number, number, number, number, number];

/** Throws a RangeError naming the option when a range is negative, not a number, or impossible. */
export function checkRanges(ranges: AugmentRanges): void {
  const numeric: (keyof AugmentRanges)[] = ['rotation', 'zoom', 'shiftX', 'shiftY', 'brightness', 'contrast'];
  for (const key of numeric) {
    const v = ranges[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new RangeError(`augmentation: ${key} must be a number >= 0, got ${String(v)}`);
  }
  // A factor of 0 or less would erase or invert the image.
  for (const key of ['zoom', 'brightness', 'contrast'] as const) {
    if ((ranges[key] ?? 0) >= 1) throw new RangeError(`augmentation: ${key} must be below 1 (a factor of 1 - ${key} must stay positive), got ${ranges[key]}`);
  }
  if ((ranges.rotation ?? 0) > 180) throw new RangeError(`augmentation: rotation is in degrees, at most 180, got ${ranges.rotation}`);
}

/** Draws one transform; `random` gives numbers in [0, 1). */
export function sampleAugmentation(ranges: AugmentRanges, random: () => number): Augmentation {
  // Every draw happens whatever the ranges, so turning one transform off does not change the others'.
  const uniform = (r = 0) => (2 * random() - 1) * r;
  const flipH = random() < 0.5;
  const flipV = random() < 0.5;
  return {
    flipHorizontal: Boolean(ranges.flipHorizontal) && flipH,
    flipVertical: Boolean(ranges.flipVertical) && flipV,
    angle: uniform(ranges.rotation),
    zoom: 1 + uniform(ranges.zoom),
    shiftX: uniform(ranges.shiftX),
    shiftY: uniform(ranges.shiftY),
    brightness: 1 + uniform(ranges.brightness),
    contrast: 1 + uniform(ranges.contrast),
  };
}

/** A seeded source of transforms: the same seed gives the same sequence, batch after batch. */
export function augmentationSampler(ranges: AugmentRanges, seed: number): (count: number) => Augmentation[] {
  checkRanges(ranges);
  const random = seededRandom(seed);
  return (count) => Array.from({ length: count }, () => sampleAugmentation(ranges, random));
}

/**
 * The map from an output pixel (x = column, y = row) to the input point it samples, for
 * flips, rotation, zoom and shift applied about the image centre. The image moves by
 * out = c + t + M (in - c) with M = zoom * R(angle) * flips; sampling needs the inverse,
 * in = c + M^-1 (out - c - t). Rows grow downwards, so a counter-clockwise turn on screen
 * maps (dx, dy) to (cos dx + sin dy, -sin dx + cos dy).
 */
export function projectiveMap(a: Augmentation, height: number, width: number): ProjectiveMap {
  if (!(height > 0 && width > 0)) throw new RangeError(`projectiveMap: need a positive size, got ${height}x${width}`);
  const rad = (a.angle * Math.PI) / 180;
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
  const fx = a.flipHorizontal ? -1 : 1;
  const fy = a.flipVertical ? -1 : 1;
  // M^-1 = flips * R(-angle) / zoom (a flip is its own inverse and commutes into place here).
  const m00 = (fx * cos) / a.zoom;
  const m01 = (-fx * sin) / a.zoom;
  const m10 = (fy * sin) / a.zoom;
  const m11 = (fy * cos) / a.zoom;
  const [cx, cy] = [(width - 1) / 2, (height - 1) / 2];
  const [ox, oy] = [cx + a.shiftX * width, cy + a.shiftY * height];
  return [m00, m01, cx - (m00 * ox + m01 * oy), m10, m11, cy - (m10 * ox + m11 * oy), 0, 0];
}

/** True when the geometric part changes nothing, so it can be skipped. */
export function isGeometricIdentity(a: Augmentation): boolean {
  return !a.flipHorizontal && !a.flipVertical && a.angle === 0 && a.zoom === 1 && a.shiftX === 0 && a.shiftY === 0;
}
