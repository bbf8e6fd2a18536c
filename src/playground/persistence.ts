/**
 * Per-playground edit persistence in localStorage. An edit is stored together with the
 * hash of the original it was made from, so that when a new release changes the original
 * the stale edit is not applied silently: the reader is asked what to do.
 */
import { hashCode } from '../lib/hash.ts';
import { editKey, savedModelKey } from './storage-keys.ts';

/** The subset of `Storage` we use; tests pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StoredEdit {
  code: string;
  /** Hash of the original code the edit was made from. */
  baseHash: string;
  savedAt: number;
}

export type LoadedEdit =
  | { state: 'none' }
  | { state: 'edited'; code: string }
  /** The original changed since the edit was made: the reader chooses. */
  | { state: 'stale'; code: string };

/** An edit that a shared link's code replaced, kept so the reader can bring it back. */
const REPLACED_PREFIX = 'dlb-playground-replaced:';

export function parseEdit(raw: string | null): StoredEdit | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredEdit>;
    if (typeof value.code === 'string' && typeof value.baseHash === 'string') {
      return { code: value.code, baseHash: value.baseHash, savedAt: Number(value.savedAt) || 0 };
    }
  } catch {
    // A corrupt entry is treated as no edit rather than breaking the page.
  }
  return undefined;
}

export function loadEdit(store: KeyValueStore, playgroundPath: string, originalHash: string): LoadedEdit {
  const stored = parseEdit(safeGet(store, editKey(playgroundPath)));
  if (!stored) return { state: 'none' };
  return stored.baseHash === originalHash ? { state: 'edited', code: stored.code } : { state: 'stale', code: stored.code };
}

/**
 * Saves `code` as the reader's edit of `original`; code equal to the original removes the
 * entry, so "edited" always means "differs from what the course ships".
 * Returns false when the browser refuses to store (quota, private mode).
 */
export function saveEdit(store: KeyValueStore, playgroundPath: string, code: string, original: string, now = Date.now()): boolean {
  const key = editKey(playgroundPath);
  try {
    if (code === original) {
      store.removeItem(key);
    } else {
      const entry: StoredEdit = { code, baseHash: hashCode(original), savedAt: now };
      store.setItem(key, JSON.stringify(entry));
    }
    return true;
  } catch {
    return false;
  }
}

export function clearEdit(store: KeyValueStore, playgroundPath: string): void {
  try {
    store.removeItem(editKey(playgroundPath));
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}

/**
 * Before a shared link's code is saved as the reader's edit: moves a different edit the
 * reader already had aside (one slot per playground), so that saving loses neither.
 * Returns true when an edit was set aside.
 */
export function setAsideEdit(store: KeyValueStore, playgroundPath: string, incoming: string): boolean {
  const raw = safeGet(store, editKey(playgroundPath));
  const current = parseEdit(raw);
  if (!current || current.code === incoming) return false;
  try {
    store.setItem(REPLACED_PREFIX + playgroundPath, raw!);
    return true;
  } catch {
    return false;
  }
}

/** The edit `setAsideEdit` moved aside, if any. */
export function replacedEdit(store: KeyValueStore, playgroundPath: string): StoredEdit | undefined {
  return parseEdit(safeGet(store, REPLACED_PREFIX + playgroundPath));
}

/**
 * Swaps the saved edit with the one set aside: the reader brings their earlier edit back
 * and the shared code becomes the one set aside, so swapping again undoes it.
 */
export function swapReplacedEdit(store: KeyValueStore, playgroundPath: string): StoredEdit | undefined {
  const key = editKey(playgroundPath);
  const asideKey = REPLACED_PREFIX + playgroundPath;
  const aside = safeGet(store, asideKey);
  const restored = parseEdit(aside);
  if (!restored) return undefined;
  const current = safeGet(store, key);
  try {
    store.setItem(key, aside!);
    if (current) store.setItem(asideKey, current);
    else store.removeItem(asideKey);
  } catch {
    return undefined;
  }
  return restored;
}

/** What another tab's change to this playground's saved edit means for this tab. */
export type OtherTabChange = { kind: 'none' } | { kind: 'edited'; code: string } | { kind: 'reset' };

/**
 * Reads a `storage` event (fired in every other tab of the origin when one tab saves):
 * the other tab now owns the saved state, and this tab must tell its reader unless it
 * already shows the same code.
 */
export function otherTabChange(
  event: { key: string | null; newValue: string | null },
  playgroundPath: string,
  shown: { code: string; original: string },
): OtherTabChange {
  if (event.key !== null && event.key !== editKey(playgroundPath)) return { kind: 'none' };
  if (event.key === null || event.newValue === null) {
    // Removed (a Reset, or storage cleared): only news if this tab shows something else.
    return shown.code === shown.original ? { kind: 'none' } : { kind: 'reset' };
  }
  const entry = parseEdit(event.newValue);
  if (!entry || entry.code === shown.code) return { kind: 'none' };
  return { kind: 'edited', code: entry.code };
}

/** Marks that `playground` has a model stored in the browser (see saved-models.ts). */
export function markSaved(store: KeyValueStore, playground: string, saved: boolean): void {
  try {
    if (saved) store.setItem(savedModelKey(playground), '1');
    else store.removeItem(savedModelKey(playground));
  } catch {
    // Without localStorage the strip shows after the next run instead of on load.
  }
}

export function hasSavedMarker(store: KeyValueStore, playground: string): boolean {
  try {
    return store.getItem(savedModelKey(playground)) !== null;
  } catch {
    return false;
  }
}

function safeGet(store: KeyValueStore, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}
