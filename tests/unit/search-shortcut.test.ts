import { describe, expect, it } from 'vitest';
import { isTypingTarget, opensSearch } from '../../src/lib/search-shortcut.ts';

const body = { tagName: 'BODY' };

describe('search shortcut', () => {
  it('opens on / from the page', () => {
    expect(opensSearch({ key: '/' }, body)).toBe(true);
    expect(opensSearch({ key: '/' }, null)).toBe(true);
  });

  it('opens on Ctrl+K and Cmd+K', () => {
    expect(opensSearch({ key: 'k', ctrlKey: true }, body)).toBe(true);
    expect(opensSearch({ key: 'K', metaKey: true }, body)).toBe(true);
  });

  it('does not steal / or Ctrl+K from someone typing', () => {
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT', 'textarea']) {
      expect(opensSearch({ key: '/' }, { tagName })).toBe(false);
      expect(opensSearch({ key: 'k', ctrlKey: true }, { tagName })).toBe(false);
    }
    expect(opensSearch({ key: '/' }, { tagName: 'DIV', isContentEditable: true })).toBe(false);
  });

  it('ignores other keys, modified slashes and handled events', () => {
    expect(opensSearch({ key: 'k' }, body)).toBe(false);
    expect(opensSearch({ key: '/', ctrlKey: true }, body)).toBe(false);
    expect(opensSearch({ key: 'k', ctrlKey: true, altKey: true }, body)).toBe(false);
    expect(opensSearch({ key: '/', defaultPrevented: true }, body)).toBe(false);
  });

  it('knows which elements take typing', () => {
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'A' })).toBe(false);
    expect(isTypingTarget(undefined)).toBe(false);
  });
});
