import { describe, expect, it } from 'vitest';
import { updateScrollFocus, type ScrollBox } from '../../src/lib/scroll-regions.ts';

/** A box of `content` px of content shown in `width` px, with attributes like an element's. */
function box(content: number, width: number, attributes: Record<string, string> = {}): ScrollBox & { getAttribute(name: string): string | null; resize(w: number): void } {
  const attrs = new Map(Object.entries(attributes));
  let clientWidth = width;
  return {
    scrollWidth: content,
    get clientWidth() {
      return clientWidth;
    },
    resize: (w: number) => void (clientWidth = w),
    hasAttribute: (name) => attrs.has(name),
    getAttribute: (name) => attrs.get(name) ?? null,
    setAttribute: (name, value) => void attrs.set(name, value),
    removeAttribute: (name) => void attrs.delete(name),
  };
}

describe('updateScrollFocus', () => {
  it('puts a box that overflows in the tab order', () => {
    const b = box(510, 340);
    updateScrollFocus(b);
    expect(b.getAttribute('tabindex')).toBe('0');
  });

  it('leaves a box that fits out of the tab order', () => {
    const b = box(300, 340);
    updateScrollFocus(b);
    expect(b.hasAttribute('tabindex')).toBe(false);
  });

  it('takes the tab stop away again when the box grows to fit, and gives it back when it shrinks', () => {
    const b = box(510, 340);
    updateScrollFocus(b);
    b.resize(600);
    updateScrollFocus(b);
    expect(b.hasAttribute('tabindex')).toBe(false);
    b.resize(340);
    updateScrollFocus(b);
    expect(b.getAttribute('tabindex')).toBe('0');
  });

  it("never changes an author's own tabindex", () => {
    const fits = box(300, 340, { tabindex: '-1' });
    updateScrollFocus(fits);
    expect(fits.getAttribute('tabindex')).toBe('-1');
    const overflows = box(510, 340, { tabindex: '-1' });
    updateScrollFocus(overflows);
    expect(overflows.getAttribute('tabindex')).toBe('-1');
  });
});
