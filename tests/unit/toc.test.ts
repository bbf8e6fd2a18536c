import { describe, expect, it } from 'vitest';
import { buildToc, type Heading } from '../../src/lib/toc.ts';

const h = (depth: number, text: string): Heading => ({ depth, text, slug: text.toLowerCase().replace(/\s+/g, '-') });

describe('buildToc', () => {
  it('nests h3 under the h2 before it', () => {
    const toc = buildToc([h(2, 'Data'), h(3, 'Cleaning'), h(3, 'Augmenting'), h(2, 'Model')]);
    expect(toc.map((i) => i.text)).toEqual(['Data', 'Model']);
    expect(toc[0]!.children.map((i) => i.text)).toEqual(['Cleaning', 'Augmenting']);
    expect(toc[1]!.children).toEqual([]);
  });

  it('leaves out the page title (h1) and levels below h3', () => {
    const toc = buildToc([h(1, 'Chapter'), h(2, 'Data'), h(4, 'Detail'), h(3, 'Cleaning')]);
    expect(toc).toHaveLength(1);
    expect(toc[0]!.children.map((i) => i.text)).toEqual(['Cleaning']);
  });

  it('keeps an h3 that comes before any h2 instead of dropping it', () => {
    const toc = buildToc([h(3, 'Preface'), h(2, 'Data')]);
    expect(toc.map((i) => i.text)).toEqual(['Preface', 'Data']);
  });

  it('keeps slugs so links point at the heading ids', () => {
    expect(buildToc([h(2, 'Why GPUs')])[0]!.slug).toBe('why-gpus');
  });

  it('is empty for a page without sections', () => {
    expect(buildToc([])).toEqual([]);
  });
});
