import { describe, expect, it } from 'vitest';
import { buildToc, currentSection, type Heading } from '../../src/lib/toc.ts';

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

describe('currentSection', () => {
  it('is the last heading that has scrolled above the line', () => {
    expect(currentSection([-900, -200, 40, 700], 100)).toBe(2);
    expect(currentSection([-900, -200, 140, 700], 100)).toBe(1);
  });

  it('is the first section at the top of the page', () => {
    expect(currentSection([300, 900], 100)).toBe(0);
  });

  it('is the last section at the bottom of the page', () => {
    expect(currentSection([-3000, -2000, -50], 100)).toBe(2);
  });
});
