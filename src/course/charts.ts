/**
 * Live charts and progress bars. Each handle sends one message when made and then
 * throttled updates (see throttle.ts), so pushing a point per training batch is cheap.
 */
import type { ChartSpec } from '../runner/protocol.ts';
import { getHost } from './host.ts';
import { send } from './outputs.ts';
import { throttle } from './throttle.ts';

let nextId = 0;
function newId(prefix: string): string {
  return `${prefix}-${++nextId}`;
}

export interface LineChartOptions {
  title: string;
  /** Series names; `push` refers to a series by name or index. */
  series: string[];
  xLabel?: string;
  yLabel?: string;
  /**
   * Keep this chart's curves from earlier runs of the playground and draw them faded,
   * labelled by the params that differed, so a rerun shows before and after (up to 3).
   */
  compareRuns?: boolean;
}

export interface LineChart {
  readonly id: string;
  /** Appends a point to a series; points are sent in batches, at most every 100 ms. */
  push(series: number | string, x: number, y: number): void;
  /** Replaces all data: one array of `[x, y]` points per series. */
  set(data: [number, number][][]): void;
}

function spec(kind: ChartSpec['kind'], o: { title: string; series: string[]; xLabel?: string | undefined; yLabel?: string | undefined; categories?: string[] | undefined; lines?: string[] | undefined; compareRuns?: boolean | undefined }): ChartSpec {
  const s: ChartSpec = { kind, title: o.title, series: [...o.series] };
  if (o.lines !== undefined) {
    const unknown = o.lines.filter((name) => !o.series.includes(name));
    if (unknown.length) throw new RangeError(`chart "${o.title}": lines names ${unknown.map((n) => JSON.stringify(n)).join(', ')}, which ${unknown.length === 1 ? 'is not a series' : 'are not series'}`);
    s.lines = [...o.lines];
  }
  if (o.xLabel !== undefined) s.xLabel = o.xLabel;
  if (o.yLabel !== undefined) s.yLabel = o.yLabel;
  if (o.categories !== undefined) s.categories = [...o.categories];
  if (o.compareRuns) s.compare = true;
  return s;
}

function seriesIndex(title: string, names: readonly string[], series: number | string): number {
  const index = typeof series === 'number' ? series : names.indexOf(series);
  if (!Number.isInteger(index) || index < 0 || index >= names.length) {
    throw new RangeError(`chart "${title}": no series ${JSON.stringify(series)}; its series are ${names.map((n) => JSON.stringify(n)).join(', ')}`);
  }
  return index;
}

function checkData(title: string, names: readonly string[], data: [number, number][][]): void {
  if (data.length !== names.length) {
    throw new RangeError(`chart "${title}": set() got ${data.length} series of data for ${names.length} series (${names.join(', ')})`);
  }
}

/**
 * A line chart that can grow while code runs, e.g. loss per batch.
 *
 * @example
 * const chart = lineChart({ title: 'Loss', series: ['train', 'validation'], xLabel: 'epoch' });
 * chart.push('train', epoch, logs.loss);
 */
export function lineChart(options: LineChartOptions): LineChart {
  const host = getHost();
  const id = newId('chart');
  const names = [...options.series];
  send({ kind: 'chart', id, spec: spec('line', options) }, host);
  const buffers: [number, number][][] = names.map(() => []);
  const sender = throttle(() => {
    buffers.forEach((points, series) => {
      if (!points.length) return;
      send({ kind: 'chart-points', id, series, points: points.splice(0) }, host);
    });
  });
  return {
    id,
    push(series, x, y) {
      buffers[seriesIndex(options.title, names, series)]!.push([x, y]);
      sender.poke();
    },
    set(data) {
      checkData(options.title, names, data);
      // Points pushed before a redraw belong to the old data.
      for (const b of buffers) b.length = 0;
      sender.flush();
      send({ kind: 'chart-data', id, data: data.map((s) => s.map(([x, y]) => [x, y] as [number, number])) }, host);
    },
  };
}

export interface BarChartOptions {
  title: string;
  /** Names along x. */
  categories: string[];
  /** Series names (groups of bars); default one series called "value". */
  series?: string[];
  xLabel?: string;
  yLabel?: string;
  /** Initial values: one number per category, or one array per series. */
  values?: number[] | number[][];
}

export interface BarChart {
  readonly id: string;
  /** Replaces the bar heights: one number per category, or one array per series. */
  set(values: number[] | number[][]): void;
}

/**
 * A bar chart, e.g. predicted probability per class.
 *
 * @example barChart({ title: 'Prediction', categories: ['cat', 'dog'], values: [0.2, 0.8] })
 */
export function barChart(options: BarChartOptions): BarChart {
  const host = getHost();
  const id = newId('chart');
  const names = options.series ?? ['value'];
  send({ kind: 'chart', id, spec: spec('bar', { ...options, series: names }) }, host);
  const handle: BarChart = {
    id,
    set(values) {
      const perSeries = values.every((v) => Array.isArray(v)) ? (values as number[][]) : [values as number[]];
      checkData(options.title, names, perSeries.map(() => []));
      for (const v of perSeries) {
        if (v.length !== options.categories.length) {
          throw new RangeError(`chart "${options.title}": ${v.length} values for ${options.categories.length} categories`);
        }
      }
      send({ kind: 'chart-data', id, data: perSeries.map((v) => v.map((y, x) => [x, y] as [number, number])) }, host);
    },
  };
  if (options.values) handle.set(options.values);
  return handle;
}

export interface ScatterChartOptions {
  title: string;
  series: string[];
  /** Series drawn as a line through their points instead of dots, e.g. a fitted line. */
  lines?: string[];
  xLabel?: string;
  yLabel?: string;
}

export interface ScatterChart {
  readonly id: string;
  /** Replaces all points: one array of `[x, y]` per series. */
  set(data: [number, number][][]): void;
}

/**
 * A scatter plot, e.g. a 2-D embedding coloured by class.
 *
 * @example scatterChart({ title: 'Latent space', series: ['0', '1'] }).set([zeros, ones])
 * @example scatterChart({ title: 'Fit', series: ['data', 'fit'], lines: ['fit'] }).set([points, [[-1, y0], [1, y1]]])
 */
export function scatterChart(options: ScatterChartOptions): ScatterChart {
  const host = getHost();
  const id = newId('chart');
  const names = [...options.series];
  send({ kind: 'chart', id, spec: spec('scatter', options) }, host);
  return {
    id,
    set(data) {
      checkData(options.title, names, data);
      send({ kind: 'chart-data', id, data: data.map((s) => s.map(([x, y]) => [x, y] as [number, number])) }, host);
    },
  };
}

export interface ProgressOptions {
  /** 'bytes' shows sizes (downloads), 'items' (default) counts. */
  unit?: 'bytes' | 'items';
}

export interface Progress {
  readonly id: string;
  /** Sets the current value (0..total); updates are sent at most every 100 ms. */
  update(value: number, label?: string): void;
  /** Changes the total, e.g. when a download finds another file. */
  setTotal(total: number): void;
  /** Marks the work complete (value = total), sent at once. */
  done(): void;
}

/**
 * A progress bar for long work.
 *
 * @example
 * const bar = progress('Epochs', EPOCHS);
 * for (let e = 0; e < EPOCHS; e++) { await trainEpoch(); bar.update(e + 1); }
 */
export function progress(label: string, total: number, options: ProgressOptions = {}): Progress {
  const host = getHost();
  const id = newId('progress');
  let value = 0;
  let currentLabel = label;
  const sendValue = () => {
    send(options.unit === undefined
      ? { kind: 'progress', id, label: currentLabel, value, total }
      : { kind: 'progress', id, label: currentLabel, value, total, unit: options.unit }, host);
  };
  const sender = throttle(sendValue);
  sendValue();
  return {
    id,
    setTotal(newTotal) {
      total = newTotal;
      sender.poke();
    },
    update(v, newLabel) {
      value = Math.min(Math.max(v, 0), total);
      if (newLabel !== undefined) currentLabel = newLabel;
      sender.poke();
    },
    done() {
      value = total;
      sender.poke();
      sender.flush();
    },
  };
}
