/**
 * The figures of the real ImageNet weights, measured by scripts/reference/vgg16-transfer.ts
 * (the deploy's course-truth job writes them with `--out`), read at build time by
 * RealWeights.astro. Parsing checks the shape, so a stale or broken file fails the build
 * with its name instead of printing undefined.
 */
export const TRUTH_PATH = 'public/data/reference/vgg16-transfer.json';

export interface TruthFigures {
  weights: 'imagenet' | 'untrained';
  imageSize: number;
  classification: { photo: string; classes: { classIndex: number; className: string; probability: number }[] }[];
  frozenValAccuracy: number[];
  fineTunedValAccuracy: number[];
  failures: string[];
  measuredAt: string;
}

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => typeof n === 'number' && Number.isFinite(n));

export function parseTruth(text: string, file: string): TruthFigures {
  let json: Partial<TruthFigures>;
  try {
    json = JSON.parse(text) as Partial<TruthFigures>;
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const problems: string[] = [];
  if (json.weights !== 'imagenet' && json.weights !== 'untrained') problems.push('weights must be "imagenet" or "untrained"');
  if (typeof json.imageSize !== 'number') problems.push('imageSize must be a number');
  if (!Array.isArray(json.classification) || json.classification.some((c) => typeof c?.photo !== 'string' || !Array.isArray(c.classes))) problems.push('classification must list { photo, classes }');
  if (!isNumbers(json.frozenValAccuracy) || !isNumbers(json.fineTunedValAccuracy)) problems.push('frozenValAccuracy and fineTunedValAccuracy must be lists of numbers');
  if (!Array.isArray(json.failures)) problems.push('failures must be a list');
  if (typeof json.measuredAt !== 'string' || Number.isNaN(Date.parse(json.measuredAt))) problems.push('measuredAt must be a date');
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}; re-run npm run reference:vgg16 -- --out ${TRUTH_PATH}`);
  return json as TruthFigures;
}
