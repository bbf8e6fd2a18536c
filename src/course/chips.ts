import type { Chip, Output } from '../runner/protocol.ts';
import { send } from './outputs.ts';

type ChipsOutput = Extract<Output, { kind: 'chips' }>;

export interface ChipsOptions {
  caption?: string;
}

/** A chip's text, or the text with a note under it and a tone. */
export type ChipItem = string | { text: string; note?: string | number | undefined; tone?: 'accent' | 'muted' | undefined };

/** Builds the chips message; exported for tests, playground code calls `chips`. */
export function chipsOutput(items: readonly ChipItem[], options: ChipsOptions = {}): ChipsOutput {
  if (!Array.isArray(items)) throw new TypeError(`chips() takes an array of strings or { text, note } objects, got ${typeof items}`);
  const chips = items.map((item, i): Chip => {
    if (typeof item === 'string') return { text: item };
    if (typeof item?.text !== 'string') throw new TypeError(`chips(): item ${i} has no text (give a string or { text, note })`);
    return { text: item.text, ...(item.note !== undefined && { note: String(item.note) }), ...(item.tone && { tone: item.tone }) };
  });
  return options.caption === undefined ? { kind: 'chips', chips } : { kind: 'chips', caption: options.caption, chips };
}

/**
 * A row of chips that wraps like text, e.g. a sentence's tokens with their ids:
 * @example chips(tokens.map((t, i) => ({ text: t, note: ids[i] })), { caption: 'Tokens' })
 */
export function chips(items: readonly ChipItem[], options: ChipsOptions = {}): void {
  send(chipsOutput(items, options));
}
