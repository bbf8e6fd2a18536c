import type { LogLevel } from '../../runner/protocol.ts';
import { el } from './dom.ts';

const LEVEL_WORDS: Partial<Record<LogLevel, string>> = { warn: 'Warning: ', error: 'Error: ' };

/** Appends a log line; consecutive lines share one <pre> so copying keeps them together. */
export function renderLog(container: HTMLElement, level: LogLevel, text: string): void {
  let block = container.lastElementChild;
  if (!(block instanceof HTMLPreElement) || !block.classList.contains('pg-log')) {
    block = el('pre', { class: 'pg-log' });
    container.append(block);
  }
  const words = LEVEL_WORDS[level];
  const line = el('span', { class: `pg-log-line pg-log-${level}`, attrs: { 'data-level': level } });
  if (words) line.append(el('span', { class: 'pg-sr-only', text: words }));
  line.append(text, '\n');
  block.append(line);
}
