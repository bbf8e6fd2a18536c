/** Finding what a playground showed in a run's outputs, for the chapter tests. */
import { expect } from 'vitest';
import type { Output } from '../../src/runner/protocol.ts';
import type { RunOutcome } from './harness.ts';

export type Table = Extract<Output, { kind: 'table' }>;
export type Images = Extract<Output, { kind: 'images' }>;
export type Chart = Extract<Output, { kind: 'chart' }>;

export const tables = (outputs: Output[]) => outputs.filter((o): o is Table => o.kind === 'table');
export const images = (outputs: Output[]) => outputs.filter((o): o is Images => o.kind === 'images');

export function tableTitled(outputs: Output[], caption: RegExp): Table {
  const t = tables(outputs).find((o) => caption.test(o.caption ?? ''));
  if (!t) throw new Error(`no table captioned ${caption}; captions: ${tables(outputs).map((o) => o.caption).join(' | ')}`);
  return t;
}

/** Every point pushed to the series `series` of the chart titled `title`. */
export function chartSeries(outputs: Output[], title: RegExp, series: string): [number, number][] {
  const chart = outputs.find((o): o is Chart => o.kind === 'chart' && title.test(o.spec.title));
  if (!chart) throw new Error(`no chart titled ${title}`);
  const index = chart.spec.series.indexOf(series);
  if (index < 0) throw new Error(`chart "${chart.spec.title}" has no series ${series} (${chart.spec.series.join(', ')})`);
  return outputs.flatMap((o) => (o.kind === 'chart-points' && o.id === chart.id && o.series === index ? o.points : []));
}

/** The run succeeded and left no tensors behind beyond the `kept` ones it means to keep. */
export function expectClean(run: RunOutcome, kept = 0): void {
  expect(run.error).toBeUndefined();
  // A playground that leaks tensors makes the page warn the reader after every run.
  expect(run.summary.tensorsAfter - run.summary.tensorsBefore).toBeLessThanOrEqual(kept);
}
