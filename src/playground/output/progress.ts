import type { Output } from '../../runner/protocol.ts';
import { el } from './dom.ts';
import { progressText, timeLeftText } from './format.ts';

type Progress = Extract<Output, { kind: 'progress' }>;

/**
 * A labelled <progress>; later updates with the same id move the same bar. Long work
 * shows the time elapsed and an estimate of the time left, like tqdm.
 */
export class ProgressView {
  private readonly bar: HTMLProgressElement;
  private readonly label: HTMLElement;
  private readonly text: HTMLElement;
  private readonly time: HTMLElement;
  private started: { at: number; value: number } | undefined;
  readonly element: HTMLElement;

  constructor(id: string) {
    const labelId = `pg-progress-${id.replace(/[^\w-]/g, '_')}-${Math.random().toString(36).slice(2, 8)}`;
    this.label = el('span', { class: 'pg-progress-label', attrs: { id: labelId } });
    this.text = el('span', { class: 'pg-progress-text' });
    this.time = el('span', { class: 'pg-progress-time', attrs: { 'data-part': 'time-left' } });
    this.bar = el('progress', { attrs: { 'aria-labelledby': labelId } });
    this.element = el('div', { class: 'pg-progress', attrs: { 'data-progress-id': id } }, [
      el('div', { class: 'pg-progress-head' }, [this.label, this.text, this.time]),
      this.bar,
    ]);
  }

  update(p: Progress): void {
    this.label.textContent = p.label;
    this.text.textContent = progressText(p.value, p.total, p.unit);
    const now = performance.now();
    this.started ??= { at: now, value: p.value };
    this.time.textContent = timeLeftText(now - this.started.at, p.value, p.total, this.started.value);
    if (p.total > 0) {
      this.bar.max = p.total;
      this.bar.value = Math.min(p.value, p.total);
    } else {
      this.bar.removeAttribute('value');
    }
  }
}
