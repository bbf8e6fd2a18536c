import type { Output } from '../../runner/protocol.ts';
import { el } from './dom.ts';

export function renderNote(container: HTMLElement, output: Extract<Output, { kind: 'html-note' }>): void {
  const note = el('div', { class: `pg-note pg-note-${output.tone}`, attrs: { role: 'note' } }, [el('p', { text: output.text })]);
  if (output.command) note.append(el('pre', {}, [el('code', { text: output.command })]));
  container.append(note);
}
