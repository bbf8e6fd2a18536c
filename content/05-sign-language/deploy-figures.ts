/**
 * The figures `npm run reference:asl` measures (scripts/reference/asl.ts) and the chapter
 * publishes: one JSON file, written by the deploy's course-truth job before the build
 * and read by DeployFigures.astro at build time.
 */

export const DEPLOY_FIGURES_PATH = 'public/data/reference/asl.json';

export interface ReferenceRun {
  /** 'v0', 'v1', 'v1 without batch normalization', 'v2'. */
  name: string;
  epochs: number;
  /** Per epoch, as `fit` reports them: training accuracy (on augmented batches for v2) and validation accuracy. */
  trainAccuracy: number[];
  validationAccuracy: number[];
  secondsPerEpoch: number;
}

export interface ReferenceFigures {
  version: 1;
  /** ISO date of the measurement. */
  measuredOn: string;
  data: { train: number; validation: number; source: string };
  /** Where it ran, e.g. "Node 24.3, TF.js 4.22 wasm, 1 thread". */
  runtime: string;
  runs: ReferenceRun[];
}

/** Reads the file's text; a malformed file is an error naming it, so a broken deploy fails its build. */
export function parseReferenceFigures(text: string, file: string): ReferenceFigures {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}); rerun \`npm run reference:asl -- --out ${file}\``);
  }
  const f = json as Partial<ReferenceFigures>;
  const ok =
    f?.version === 1 &&
    typeof f.measuredOn === 'string' &&
    typeof f.runtime === 'string' &&
    typeof f.data?.train === 'number' &&
    Array.isArray(f.runs) &&
    f.runs.every((r) => typeof r.name === 'string' && r.trainAccuracy?.length === r.epochs && r.validationAccuracy?.length === r.epochs && r.epochs > 0);
  if (!ok) throw new Error(`${file}: not a chapter 5 reference file (version 1, one accuracy per epoch for every run); rerun \`npm run reference:asl -- --out ${file}\``);
  return f as ReferenceFigures;
}

export interface RunSummary {
  name: string;
  epochs: number;
  lastTrain: number;
  bestValidation: number;
  bestEpoch: number;
  lastValidation: number;
  secondsPerEpoch: number;
}

/** What the chapter's table shows of a run: the last training accuracy and the best and last validation accuracy. */
export function summarise(run: ReferenceRun): RunSummary {
  const v = run.validationAccuracy;
  const best = v.indexOf(Math.max(...v));
  return { name: run.name, epochs: run.epochs, lastTrain: run.trainAccuracy.at(-1)!, bestValidation: v[best]!, bestEpoch: best + 1, lastValidation: v.at(-1)!, secondsPerEpoch: run.secondsPerEpoch };
}
