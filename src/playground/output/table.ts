import type { Output } from '../../runner/protocol.ts';
import { el } from './dom.ts';
import { formatCell } from './format.ts';

export function renderTable(container: HTMLElement, output: Extract<Output, { kind: 'table' }>): void {
  const table = el('table', { class: 'pg-table' });
  if (output.caption) table.append(el('caption', { text: output.caption }));
  table.append(el('thead', {}, [el('tr', {}, output.columns.map((c) => el('th', { text: c, attrs: { scope: 'col' } })))]));
  const body = el('tbody');
  for (const row of output.rows) {
    body.append(
      el('tr', {}, row.map((cell) => el('td', { text: formatCell(cell), class: typeof cell === 'number' ? 'pg-num' : '' }))),
    );
  }
  table.append(body);
  container.append(el('div', { class: 'pg-table-wrap', attrs: { tabindex: '0', role: 'region', 'aria-label': output.caption ?? 'Table' } }, [table]));
}
