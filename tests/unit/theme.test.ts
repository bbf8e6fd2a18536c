import { describe, expect, it } from 'vitest';
import { otherTheme, parseTheme, resolveTheme } from '../../src/lib/theme.ts';

describe('theme choice', () => {
  it('follows the system when the reader has not chosen', () => {
    expect(resolveTheme(null, true)).toBe('dark');
    expect(resolveTheme(null, false)).toBe('light');
  });

  it('keeps the reader’s choice over the system', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('ignores stored values it does not know (old versions, tampering)', () => {
    expect(parseTheme('auto')).toBeUndefined();
    expect(parseTheme('')).toBeUndefined();
    expect(resolveTheme('purple', true)).toBe('dark');
  });

  it('toggles between the two themes', () => {
    expect(otherTheme('light')).toBe('dark');
    expect(otherTheme('dark')).toBe('light');
  });
});
