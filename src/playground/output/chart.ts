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

  constructor(private readonly spec: ChartSpec) {
    this.points = spec.series.map(() => []);
    this.plotHost = el('div', { class: 'pg-chart-plot', attrs: { 'aria-hidden': 'true' } });
    this.summary = el('p', { class: 'pg-sr-only' });
    this.element = el('figure', { class: `pg-chart pg-chart-${spec.kind}`, attrs: { 'data-chart-kind': spec.kind } }, [
      el('figcaption', { text: spec.title }),
      this.plotHost,
      this.summary,
    ]);
    this.element.dataset.points = '0';
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
    this.points.forEach((_, i) => (this.points[i] = [...(data[i] ?? [])]));
    this.schedule();
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.resize.disconnect();
    this.themeWatch.disconnect();
    this.plot?.destroy();
  }

  private schedule(): void {
    const count = this.points.reduce((n, s) => n + s.length, 0);
    // Tests and assistive tooling read how many points arrived without parsing a canvas.
    this.element.dataset.points = String(count);
    this.summary.textContent = chartSummary(this.spec, this.points);
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
      return { ...base, points: { show: false } };
    });
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
