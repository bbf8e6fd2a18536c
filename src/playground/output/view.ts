/** Renders one playground's outputs, dispatching each `course` output kind to its module. */
import type { Output } from '../../runner/protocol.ts';
import { ChartView } from './chart.ts';
import { RunHistory, runLabel, type RunInfo } from '../run-history.ts';
import { DrawingView } from './drawing.ts';
import { renderChips } from './chips.ts';
import { renderImages } from './images.ts';
import { renderLog } from './log.ts';
import { renderNote } from './note.ts';
import { storedModelText } from './format.ts';
import { ProgressView } from './progress.ts';
import { renderTable } from './table.ts';

export class OutputView {
  private readonly charts = new Map<string, ChartView>();
  private readonly progress = new Map<string, ProgressView>();
  private readonly drawings = new Map<string, DrawingView>();
  private readonly storedNotes = new Map<string, Element>();
  /** Curves of earlier runs, for charts that compare runs. */
  private readonly history = new RunHistory();
  private run: RunInfo | undefined;

  /** `onStoredModel` hears when a run stored a model in the browser or loaded one back. */
  constructor(
    readonly container: HTMLElement,
    private readonly onStoredModel?: (output: Extract<Output, { kind: 'stored-model' }>) => void,
  ) {}

  /** Starts showing a new run: keeps the curves of comparing charts, then clears. */
  beginRun(run: RunInfo): void {
    if (this.run) {
      for (const chart of this.charts.values()) {
        if (chart.spec.compare) this.history.record(chart.spec.title, { run: this.run, series: chart.spec.series, points: chart.current() });
      }
    }
    this.clear();
    this.run = run;
  }

  clear(): void {
    for (const chart of this.charts.values()) chart.dispose();
    this.charts.clear();
    this.progress.clear();
    this.drawings.clear();
    this.storedNotes.clear();
    this.container.replaceChildren();
  }

  render(output: Output): void {
    switch (output.kind) {
      case 'log':
        renderLog(this.container, output.level, output.text);
        break;
      case 'table':
        renderTable(this.container, output);
        break;
      case 'images':
        renderImages(this.container, output);
        break;
      case 'html-note':
        renderNote(this.container, output);
        break;
      case 'chips':
        renderChips(this.container, output);
        break;
      case 'stored-model':
        // A playground that saves as it learns shows one note per model: the latest.
        this.storedNotes.get(output.info.name)?.remove();
        renderNote(this.container, { kind: 'html-note', tone: 'info', text: storedModelText(output) });
        if (this.container.lastElementChild) this.storedNotes.set(output.info.name, this.container.lastElementChild);
        this.onStoredModel?.(output);
        break;
      case 'chart': {
        this.charts.get(output.id)?.element.remove();
        const { title, compare } = output.spec;
        const current = this.run;
        const earlier = compare && current ? this.history.earlier(title).map((r) => ({ label: runLabel(r.run, current), series: r.series, points: r.points })) : [];
        const chart = new ChartView(output.spec, earlier, () => this.history.clear(title));
        this.charts.set(output.id, chart);
        this.container.append(chart.element);
        break;
      }
      case 'chart-points':
        this.charts.get(output.id)?.append(output.series, output.points);
        break;
      case 'chart-data':
        this.charts.get(output.id)?.replace(output.data);
        break;
      case 'drawing': {
        const drawing = this.drawings.get(output.id);
        if (drawing) drawing.update(output);
        else {
          const view = new DrawingView(output);
          this.drawings.set(output.id, view);
          this.container.append(view.element);
        }
        break;
      }
      case 'progress': {
        let bar = this.progress.get(output.id);
        if (!bar) {
          bar = new ProgressView(output.id);
          this.progress.set(output.id, bar);
          this.container.append(bar.element);
        }
        bar.update(output);
        break;
      }
    }
  }
}
