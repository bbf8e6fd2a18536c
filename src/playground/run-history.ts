/**
 * Earlier runs of one playground, for charts that compare runs (`lineChart({ compareRuns:
 * true })`, `fitCallbacks({ compareRuns: true })`): each such chart's final curves are kept
 * when the next run starts, and the new chart draws them faded, labelled by what differed.
 */
import type { Params } from '../runner/protocol.ts';
import { describeParams } from './params.ts';

/** What a run was started with. */
export interface RunInfo {
  /** 1 for the first run of the playground on this page. */
  number: number;
  params: Params;
  /** Hash of the code that ran. */
  codeHash: string;
}

export interface ChartRun {
  run: RunInfo;
  series: string[];
  points: [number, number][][];
}

/** How many earlier runs a chart shows: more would hide the current one. */
export const EARLIER_RUNS = 3;

/**
 * "epochs 5, activation sigmoid": the earlier run's values of the params that differ
 * from the current run's, then "other code" when the code differed; "run N" when nothing did.
 */
export function runLabel(earlier: RunInfo, current: RunInfo): string {
  const names = new Set([...Object.keys(earlier.params), ...Object.keys(current.params)]);
  const differing: Params = {};
  for (const name of names) {
    const value = earlier.params[name];
    if (value !== current.params[name] && value !== undefined) differing[name] = value;
  }
  const parts = [describeParams(differing), earlier.codeHash !== current.codeHash ? 'other code' : ''].filter(Boolean);
  return parts.length ? parts.join(', ') : `run ${earlier.number}`;
}

export class RunHistory {
  private readonly byTitle = new Map<string, ChartRun[]>();

  /** Keeps a finished chart's curves (newest last), dropping the oldest beyond EARLIER_RUNS. */
  record(title: string, run: ChartRun): void {
    if (run.points.every((s) => s.length === 0)) return;
    const runs = [...(this.byTitle.get(title) ?? []), run].slice(-EARLIER_RUNS);
    this.byTitle.set(title, runs);
  }

  earlier(title: string): ChartRun[] {
    return this.byTitle.get(title) ?? [];
  }

  clear(title: string): void {
    this.byTitle.delete(title);
  }
}
