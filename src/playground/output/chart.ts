/**
 * Charts with uPlot, loaded on the first chart of the page. Line charts redraw at most once
 * per animation frame while 'chart-points' stream in during training. Colours come from
 * the site's --chart-N tokens; a theme switch rebuilds the chart with the new palette.
 */
import type { ChartSpec } from '../../runner/protocol.ts';
import type uPlotType from 'uplot';
import { alignSeries, chartSummary } from './chart-data.ts';
import { el } from './dom.ts';

type UPlotCtor = typeof uPlotType;
let uPlotLoading: Promise<UPlotCtor> | undefined;

function loadUPlot(): Promise<UPlotCtor> {
  uPlotLoading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default);
  return uPlotLoading;
}

function token(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

const PALETTE_SIZE = 6;
const HEIGHT = 240;

/** Curves of an earlier run of the playground, drawn faded behind the current ones. */
export interface EarlierCurves {
  /** What differed, e.g. "epochs 5". */
  label: string;
  series: string[];
  points: [number, number][][];
}

/** A line series with at most this many points shows them as dots. */
const SHOW_POINTS_UP_TO = 20;

function definedPoints(column: ArrayLike<number | null | undefined> | undefined): number {
  let n = 0;
  for (let i = 0; i < (column?.length ?? 0); i++) if (column![i] != null) n++;
  return n;
}

/** `#rrggbb` at `alpha`; other colour syntaxes as they are (the dash still tells runs apart). */
function faded(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  return hex ? `rgba(${hex.slice(1).map((h) => parseInt(h, 16)).join(', ')}, ${alpha})` : color;
}

export class ChartView {
  readonly element: HTMLElement;
  private readonly plotHost: HTMLElement;
  /** The chart in words: the canvas says nothing to a screen reader. */
  private readonly summary: HTMLElement;
  private readonly points: [number, number][][];
  private plot: uPlotType | undefined;
  private uPlot: UPlotCtor | undefined;
  private frame = 0;
  private readonly resize = new ResizeObserver(() => this.fit());
  private readonly themeWatch = new MutationObserver(() => this.rebuild());

  /**
   * `earlier`: curves of earlier runs to draw faded (charts that compare runs), and
   * `onClear`, called when the reader clears them.
   */
  constructor(
    readonly spec: ChartSpec,
    private earlier: EarlierCurves[] = [],
    onClear?: () => void,
  ) {
    this.points = [...spec.series.map(() => []), ...this.earlierPoints()];
    this.plotHost = el('div', { class: 'pg-chart-plot', attrs: { 'aria-hidden': 'true' } });
    this.summary = el('p', { class: 'pg-sr-only' });
    const caption = el('figcaption', {}, [el('span', { text: spec.title })]);
    if (earlier.length > 0) {
      const clear = el('button', { class: 'pg-btn pg-btn-quiet pg-chart-clear', text: `Clear earlier runs (${earlier.length})`, attrs: { type: 'button' } });
      clear.addEventListener('click', () => {
        onClear?.();
        this.earlier = [];
        this.points.splice(spec.series.length);
        this.element.dataset.earlier = '0';
        clear.remove();
        this.rebuild();
        this.schedule();
      });
      caption.append(clear);
    }
    this.element = el('figure', { class: `pg-chart pg-chart-${spec.kind}`, attrs: { 'data-chart-kind': spec.kind } }, [caption, this.plotHost, this.summary]);
    this.element.dataset.points = '0';
    this.element.dataset.earlier = String(earlier.length);
    void loadUPlot().then((ctor) => {
      this.uPlot = ctor;
      this.rebuild();
      this.resize.observe(this.plotHost);
      this.themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    });
  }

  append(series: number, points: [number, number][]): void {
    this.points[series]?.push(...points);
    this.schedule();
  }

  replace(data: [number, number][][]): void {
    this.spec.series.forEach((_, i) => (this.points[i] = [...(data[i] ?? [])]));
    this.schedule();
  }

  /** This run's curves, to keep for the next run's comparison. */
  current(): [number, number][][] {
    return this.points.slice(0, this.spec.series.length).map((s) => [...s]);
  }

  /** Earlier runs' points in this chart's series order (a series an earlier run lacked stays empty). */
  private earlierPoints(): [number, number][][] {
    return this.earlier.flatMap((run) => this.spec.series.map((name) => [...(run.points[run.series.indexOf(name)] ?? [])]));
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.resize.disconnect();
    this.themeWatch.disconnect();
    this.plot?.destroy();
  }

  private schedule(): void {
    const current = this.points.slice(0, this.spec.series.length);
    const count = current.reduce((n, s) => n + s.length, 0);
    // Tests and assistive tooling read how many points arrived without parsing a canvas.
    this.element.dataset.points = String(count);
    const earlier = this.earlier.length ? ` Earlier runs, faded: ${this.earlier.map((r) => r.label).join('; ')}.` : '';
    this.summary.textContent = chartSummary(this.spec, current) + earlier;
    if (this.frame || !this.plot) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.plot?.setData(alignSeries(this.points) as uPlotType.AlignedData);
    });
  }

  private fit(): void {
    const width = Math.max(200, this.plotHost.clientWidth);
    if (this.plot && this.plot.width !== width) this.plot.setSize({ width, height: HEIGHT });
  }

  private rebuild(): void {
    const uPlot = this.uPlot;
    if (!uPlot) return;
    this.plot?.destroy();
    const { spec } = this;
    const color = (i: number) => token(`--chart-${(i % PALETTE_SIZE) + 1}`);
    const axis = (label: string | undefined): uPlotType.Axis => ({
      label,
      stroke: token('--color-text-muted'),
      grid: { stroke: token('--color-border'), width: 1 },
      ticks: { stroke: token('--color-border'), width: 1 },
    });
    const xAxis = axis(spec.xLabel);
    if (spec.kind === 'bar' && spec.categories) {
      const categories = spec.categories;
      xAxis.splits = () => categories.map((_, i) => i);
      xAxis.values = (_u, splits) => splits.map((v) => categories[v] ?? '');
    }
    const barWidth = 0.7 / Math.max(1, spec.series.length);
    const series: uPlotType.Series[] = spec.series.map((label, i) => {
      const base: uPlotType.Series = { label, stroke: color(i), width: 2, spanGaps: true };
      if (spec.kind === 'scatter' && !spec.lines?.includes(label)) return { ...base, paths: () => null, points: { show: true, size: 6, fill: color(i) } };
      if (spec.kind === 'bar') {
        const align = spec.series.length === 1 ? 0 : i === 0 ? -1 : 1;
        return { ...base, fill: color(i), paths: uPlot.paths.bars!({ size: [barWidth, 80], align: align as 0 | 1 | -1 }), points: { show: false } };
      }
      // A lone point draws no line, and a short series (one point per epoch) reads better with its points marked.
      return { ...base, points: { show: (u: uPlotType, si: number) => definedPoints(u.data[si]) <= SHOW_POINTS_UP_TO } };
    });
    // Earlier runs: the same colour per series, faded and dashed, named by what differed.
    for (const run of this.earlier) {
      spec.series.forEach((label, i) => {
        series.push({ label: `${label} (${run.label})`, stroke: faded(color(i), 0.45), width: 1.5, dash: [5, 4], spanGaps: true, points: { show: false } });
      });
    }
    this.plot = new uPlot(
      {
        width: Math.max(200, this.plotHost.clientWidth),
        height: HEIGHT,
        scales:
          spec.kind === 'bar'
            ? {
                x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
                // Bars grow from zero, whatever the smallest value.
                y: { range: (_u, min, max) => [Math.min(0, min), Math.max(0, max) * 1.05 || 1] },
              }
            : { x: { time: false } },
        series: [{ label: spec.xLabel ?? 'x' }, ...series],
        axes: [xAxis, axis(spec.yLabel)],
        legend: { show: spec.series.length > 1 || spec.kind !== 'bar', live: false },
      },
      alignSeries(this.points) as uPlotType.AlignedData,
      this.plotHost,
    );
  }
}
