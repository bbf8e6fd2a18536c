/**
 * Turns per-series point lists into uPlot's aligned columns: one ascending x column and
 * one y column per series, with null where a series has no point at that x (a loss per
 * batch and a validation loss per epoch share one chart). Points of one series with the
 * same x get separate rows, so scatter plots keep every point.
 */
export type AlignedData = [number[], ...(number | null)[][]];

export function alignSeries(series: readonly (readonly [number, number])[][]): AlignedData {
  const entries: { x: number; s: number; y: number }[] = [];
  series.forEach((points, s) => {
    for (const [x, y] of points) if (Number.isFinite(x)) entries.push({ x, s, y });
  });
  entries.sort((a, b) => a.x - b.x || a.s - b.s);
  const xs: number[] = [];
  const ys = series.map(() => [] as (number | null)[]);
  for (const { x, s, y } of entries) {
    const last = xs.length - 1;
    if (last < 0 || xs[last] !== x || ys[s]![last] !== null) {
      xs.push(x);
      for (const col of ys) col.push(null);
    }
    ys[s]![xs.length - 1] = Number.isFinite(y) ? y : null;
  }
  return [xs, ...ys];
}

/**
 * Words for what a canvas chart shows, for screen readers: one clause per series with its
 * point count and last value, or each category's value for a bar chart.
 */
export function chartSummary(
  spec: { kind: 'line' | 'bar' | 'scatter'; series: string[]; categories?: string[] },
  points: readonly (readonly [number, number])[][],
): string {
  const round = (v: number) => String(Number(v.toPrecision(3)));
  if (spec.kind === 'bar') {
    return spec.series
      .map((name, s) => {
        const values = (points[s] ?? []).map(([x, y]) => `${spec.categories?.[x] ?? x} ${round(y)}`);
        return `${spec.series.length > 1 ? `${name}: ` : ''}${values.join(', ')}`;
      })
      .join('; ');
  }
  return spec.series
    .map((name, s) => {
      const list = points[s] ?? [];
      const last = list[list.length - 1];
      const what = `${name}: ${list.length} point${list.length === 1 ? '' : 's'}`;
      return last && spec.kind === 'line' ? `${what}, last ${round(last[1])} at ${round(last[0])}` : what;
    })
    .join('; ');
}
