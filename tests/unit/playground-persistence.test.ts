import { describe, expect, it } from 'vitest';
import {
  clearEdit,
  loadEdit,
  otherTabChange,
  replacedEdit,
  saveEdit,
  setAsideEdit,
  swapReplacedEdit,
  type KeyValueStore,
} from '../../src/playground/persistence.ts';
import { hashCode } from '../../src/lib/hash.ts';
import { editKey as storageKey } from '../../src/playground/storage-keys.ts';

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const ORIGINAL = "import * as tf from '@tensorflow/tfjs';\nconsole.log(tf.version);\n";

describe('edit persistence', () => {
  it('hashes deterministically and tells close texts apart', () => {
    expect(hashCode(ORIGINAL)).toBe(hashCode(ORIGINAL));
    expect(hashCode(ORIGINAL)).toMatch(/^[0-9a-f]{16}$/);
    expect(hashCode('a')).not.toBe(hashCode('b'));
    expect(hashCode('ab')).not.toBe(hashCode('ba'));
  });

  it('keys entries by playground path', () => {
    expect(storageKey('mnist/train.ts')).not.toBe(storageKey('mnist/eval.ts'));
    expect(storageKey('mnist/train.ts')).toContain('mnist/train.ts');
  });

  it('restores a saved edit for the same original', () => {
    const store = memoryStore();
    expect(loadEdit(store, 'a.ts', hashCode(ORIGINAL))).toEqual({ state: 'none' });
    expect(saveEdit(store, 'a.ts', `${ORIGINAL}// mine\n`, ORIGINAL)).toBe(true);
    expect(loadEdit(store, 'a.ts', hashCode(ORIGINAL))).toEqual({ state: 'edited', code: `${ORIGINAL}// mine\n` });
    expect(loadEdit(store, 'b.ts', hashCode(ORIGINAL))).toEqual({ state: 'none' });
  });

  it('reports an edit of an older original as stale instead of applying it', () => {
    const store = memoryStore();
    saveEdit(store, 'a.ts', 'edited old', 'old original');
    expect(loadEdit(store, 'a.ts', hashCode('new original'))).toEqual({ state: 'stale', code: 'edited old' });
    // Keeping the edit re-bases it on the new original, so the question is asked once.
    saveEdit(store, 'a.ts', 'edited old', 'new original');
    expect(loadEdit(store, 'a.ts', hashCode('new original'))).toEqual({ state: 'edited', code: 'edited old' });
  });

  it('removes the entry when the code equals the original again, and on clear', () => {
    const store = memoryStore();
    saveEdit(store, 'a.ts', 'changed', ORIGINAL);
    saveEdit(store, 'a.ts', ORIGINAL, ORIGINAL);
    expect(store.map.size).toBe(0);
    saveEdit(store, 'a.ts', 'changed', ORIGINAL);
    clearEdit(store, 'a.ts');
    expect(loadEdit(store, 'a.ts', hashCode(ORIGINAL))).toEqual({ state: 'none' });
  });

  it('survives corrupt entries and storage that throws', () => {
    const store = memoryStore();
    store.map.set(storageKey('a.ts'), '{not json');
    expect(loadEdit(store, 'a.ts', hashCode(ORIGINAL))).toEqual({ state: 'none' });
    const broken: KeyValueStore = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
      removeItem: () => { throw new Error('SecurityError'); },
    };
    expect(loadEdit(broken, 'a.ts', 'x')).toEqual({ state: 'none' });
    expect(saveEdit(broken, 'a.ts', 'y', 'x')).toBe(false);
    expect(() => clearEdit(broken, 'a.ts')).not.toThrow();
  });

  it('sets the reader\'s own edit aside before shared code replaces it, and swaps back and forth', () => {
    const store = memoryStore();
    saveEdit(store, 'a.ts', 'my edit', ORIGINAL);
    expect(setAsideEdit(store, 'a.ts', 'my edit')).toBe(false); // same code: nothing to keep
    expect(setAsideEdit(store, 'a.ts', 'shared code')).toBe(true);
    saveEdit(store, 'a.ts', 'shared code', ORIGINAL);
    expect(replacedEdit(store, 'a.ts')?.code).toBe('my edit');
    expect(swapReplacedEdit(store, 'a.ts')?.code).toBe('my edit');
    expect(loadEdit(store, 'a.ts', hashCode(ORIGINAL))).toEqual({ state: 'edited', code: 'my edit' });
    expect(swapReplacedEdit(store, 'a.ts')?.code).toBe('shared code');
    expect(replacedEdit(store, 'a.ts')?.code).toBe('my edit');
  });

  it('swapping after the shared code was reset brings the own edit back and empties the slot', () => {
    const store = memoryStore();
    saveEdit(store, 'a.ts', 'my edit', ORIGINAL);
    setAsideEdit(store, 'a.ts', ORIGINAL);
    saveEdit(store, 'a.ts', ORIGINAL, ORIGINAL); // removes the entry
    expect(swapReplacedEdit(store, 'a.ts')?.code).toBe('my edit');
    expect(replacedEdit(store, 'a.ts')).toBeUndefined();
    expect(swapReplacedEdit(store, 'a.ts')).toBeUndefined();
  });

  it('tells another tab\'s save of this playground apart from no news', () => {
    const key = storageKey('a.ts');
    const entry = (code: string) => JSON.stringify({ code, baseHash: hashCode(ORIGINAL), savedAt: 2 });
    const shown = { code: 'mine', original: ORIGINAL };
    expect(otherTabChange({ key, newValue: entry('theirs') }, 'a.ts', shown)).toEqual({ kind: 'edited', code: 'theirs' });
    expect(otherTabChange({ key, newValue: entry('mine') }, 'a.ts', shown)).toEqual({ kind: 'none' });
    expect(otherTabChange({ key: storageKey('b.ts'), newValue: entry('theirs') }, 'a.ts', shown)).toEqual({ kind: 'none' });
    expect(otherTabChange({ key, newValue: null }, 'a.ts', shown)).toEqual({ kind: 'reset' });
    expect(otherTabChange({ key: null, newValue: null }, 'a.ts', shown)).toEqual({ kind: 'reset' }); // localStorage.clear()
    expect(otherTabChange({ key, newValue: null }, 'a.ts', { code: ORIGINAL, original: ORIGINAL })).toEqual({ kind: 'none' });
    expect(otherTabChange({ key, newValue: '{corrupt' }, 'a.ts', shown)).toEqual({ kind: 'none' });
  });
});
