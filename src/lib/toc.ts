/**
 * In-page table of contents from the headings Astro extracts while rendering MDX.
 * The chapter title is the page's h1, so the contents start at h2; h3s nest under the
 * h2 before them, deeper levels are left out to keep the list scannable.
 */

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface TocItem {
  slug: string;
  text: string;
  depth: number;
  children: TocItem[];
}

export function buildToc(headings: readonly Heading[], minDepth = 2, maxDepth = 3): TocItem[] {
  const toc: TocItem[] = [];
  for (const h of headings) {
    if (h.depth < minDepth || h.depth > maxDepth) continue;
    const item: TocItem = { slug: h.slug, text: h.text, depth: h.depth, children: [] };
    const parent = toc.at(-1);
    // An h3 before any h2 has no parent: it goes to the top level rather than vanishing.
    if (h.depth > minDepth && parent && parent.depth < h.depth) parent.children.push(item);
    else toc.push(item);
  }
  return toc;
}

/**
 * Index of the section the reader is in: the last heading whose top has scrolled above
 * `line` (px from the viewport top), or the first section before any has.
 * `tops` are the headings' viewport positions, in document order.
 */
export function currentSection(tops: readonly number[], line: number): number {
  let current = 0;
  for (const [i, top] of tops.entries()) {
    if (top > line) break;
    current = i;
  }
  return current;
}
