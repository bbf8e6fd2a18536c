import type { Output } from '../../runner/protocol.ts';
import { el } from './dom.ts';

/** A wrapping row of chips, each with its note (e.g. a token id) under it; a list for screen readers. */
export function renderChips(container: HTMLElement, output: Extract<Output, { kind: 'chips' }>): void {
  const list = el(
    'ol',
    { class: 'pg-chips' },
    output.chips.map((chip) =>
      el('li', { class: chip.tone ? `pg-chip pg-chip-${chip.tone}` : 'pg-chip' }, [
        el('span', { class: 'pg-chip-text', text: chip.text }),
        ...(chip.note === undefined ? [] : [el('span', { class: 'pg-chip-note', text: chip.note })]),
      ]),
    ),
  );
  container.append(output.caption === undefined ? list : el('figure', { class: 'pg-chips-figure' }, [el('figcaption', { text: output.caption }), list]));
}
