/**
 * Wide tables and display math scroll sideways inside their own box on narrow screens.
 * A keyboard user can only scroll a box that can take focus, so a box that overflows
 * joins the tab order, and leaves it again when the window grows and it fits (a
 * tab stop on a box with nothing to scroll would only slow keyboard users down).
 */

/** What `updateScrollFocus` needs of an element: a DOM element, or a test's stand-in. */
export interface ScrollBox {
  readonly scrollWidth: number;
  readonly clientWidth: number;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

/** Marks the tabindex as ours, so an author's own tabindex is never touched. */
const OWNED = 'data-scroll-focus';

/** Makes `box` focusable while its content is wider than the box, and not otherwise. */
export function updateScrollFocus(box: ScrollBox): void {
  const overflows = box.scrollWidth > box.clientWidth;
  const owned = box.hasAttribute(OWNED);
  if (!owned && box.hasAttribute('tabindex')) return;
  if (overflows && !owned) {
    box.setAttribute('tabindex', '0');
    box.setAttribute(OWNED, '');
  } else if (!overflows && owned) {
    box.removeAttribute('tabindex');
    box.removeAttribute(OWNED);
  }
}

/** Keeps every element matching `selector` under `root` up to date as sizes change. */
export function watchScrollRegions(root: ParentNode, selector: string): void {
  const boxes = [...root.querySelectorAll<HTMLElement>(selector)];
  if (boxes.length === 0) return;
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) updateScrollFocus(entry.target as HTMLElement);
  });
  for (const box of boxes) observer.observe(box);
}
