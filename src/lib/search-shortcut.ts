/**
 * Whether a keydown should open site search. `/` is the shortcut, as on most
 * documentation sites, but never while the reader types: in a form field, a
 * contenteditable, or the playground's code editor (Monaco uses a textarea).
 */

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  defaultPrevented?: boolean;
}

export interface TargetLike {
  tagName?: string;
  isContentEditable?: boolean;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function isTypingTarget(target: TargetLike | null | undefined): boolean {
  if (!target) return false;
  return Boolean(target.isContentEditable) || TYPING_TAGS.has((target.tagName ?? '').toUpperCase());
}

export function opensSearch(event: KeyLike, target: TargetLike | null | undefined): boolean {
  if (event.defaultPrevented) return false;
  if (isTypingTarget(target)) return false;
  if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey) return true;
  // Ctrl/Cmd+K is the other common convention (Monaco keeps it: its editor is a typing target).
  return event.key.toLowerCase() === 'k' && Boolean(event.ctrlKey || event.metaKey) && !event.altKey;
}
