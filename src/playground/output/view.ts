/** Renders one playground's outputs, dispatching each `course` output kind to its module. */
import type { Output } from '../../runner/protocol.ts';
import { ChartView } from './chart.ts';
import { renderImages } from './images.ts';
import { renderLog } from './log.ts';
import { renderNote } from './note.ts';
import { storedModelText } from './format.ts';
import { ProgressView } from './progress.ts';
import { renderTable } from './table.ts';

export class OutputView {
  private readonly charts = new Map<string, ChartView>();
  private readonly progress = new Map<string, ProgressView>();

  /** `onStoredModel` hears when a run stored a model in the browser or loaded one back. */
  constructor(
    readonly container: HTMLElement,
    private readonly onStoredModel?: (output: Extract<Output, { kind: 'stored-model' }>) => void,
  ) {}

  clear(): void {
    for (const chart of this.charts.values()) chart.dispose();
    this.charts.clear();
    this.progress.clear();
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
      case 'stored-model':
        renderNote(this.container, { kind: 'html-note', tone: 'info', text: storedModelText(output) });
        this.onStoredModel?.(output);
        break;
      case 'chart': {
        this.charts.get(output.id)?.element.remove();
        const chart = new ChartView(output.spec);
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
