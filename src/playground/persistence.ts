/**
 * Per-playground edit persistence in localStorage. An edit is stored together with the
 * hash of the original it was made from, so that when a new release changes the original
 * the stale edit is not applied silently: the reader is asked what to do.
 */

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

const PREFIX = 'dlb-playground:';

export function storageKey(playgroundPath: string): string {
  return PREFIX + playgroundPath;
}

/** FNV-1a over UTF-16 code units, twice with different seeds: 64 bits as 16 hex digits. */
export function hashCode(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(a) + hex(b);
}

function parse(raw: string | null): StoredEdit | undefined {
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
  const stored = parse(safeGet(store, storageKey(playgroundPath)));
  if (!stored) return { state: 'none' };
  return stored.baseHash === originalHash ? { state: 'edited', code: stored.code } : { state: 'stale', code: stored.code };
}

/**
 * Saves `code` as the reader's edit of `original`; code equal to the original removes the
 * entry, so "edited" always means "differs from what the course ships".
 * Returns false when the browser refuses to store (quota, private mode).
 */
export function saveEdit(store: KeyValueStore, playgroundPath: string, code: string, original: string, now = Date.now()): boolean {
  const key = storageKey(playgroundPath);
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
    store.removeItem(storageKey(playgroundPath));
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}

function safeGet(store: KeyValueStore, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}
