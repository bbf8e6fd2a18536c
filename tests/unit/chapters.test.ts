import { describe, expect, it } from 'vitest';
import { chapterPath, neighbours, slugFromFolder, sortChapters, type ChapterRef } from '../../src/lib/chapters.ts';

const ref = (chapter: number, slug: string): ChapterRef => ({
  chapter,
  slug,
  title: `Title ${chapter}`,
  description: `About ${slug}`,
});

describe('slugFromFolder', () => {
  it('drops the number prefix and the file name', () => {
    expect(slugFromFolder('01-what-is-deep-learning/index.mdx')).toBe('what-is-deep-learning');
    expect(slugFromFolder('12_transfer-learning/index.mdx')).toBe('transfer-learning');
  });

  it('lower-cases, so URLs do not depend on how a folder was typed', () => {
    expect(slugFromFolder('03-MNIST/index.mdx')).toBe('mnist');
  });

  it('keeps numbers that are part of the name', () => {
    expect(slugFromFolder('06-vgg16/index.mdx')).toBe('vgg16');
  });
});

describe('sortChapters', () => {
  it('orders by chapter number, not by the order files were found', () => {
    const sorted = sortChapters([ref(10, 'ten'), ref(2, 'two'), ref(1, 'one')]);
    expect(sorted.map((c) => c.slug)).toEqual(['one', 'two', 'ten']);
  });

  it('does not reorder the caller’s array', () => {
    const input = [ref(2, 'b'), ref(1, 'a')];
    sortChapters(input);
    expect(input.map((c) => c.slug)).toEqual(['b', 'a']);
  });

  it('rejects two chapters with one number, naming both', () => {
    expect(() => sortChapters([ref(1, 'intro'), ref(2, 'linear'), ref(2, 'mnist')])).toThrow(
      /"linear" and "mnist" both have chapter number 2/,
    );
  });
});

describe('neighbours', () => {
  const sorted = sortChapters([ref(1, 'a'), ref(2, 'b'), ref(3, 'c')]);

  it('gives the chapters before and after', () => {
    const { prev, next } = neighbours(sorted, 'b');
    expect(prev?.slug).toBe('a');
    expect(next?.slug).toBe('c');
  });

  it('has no previous chapter for the first and no next for the last', () => {
    expect(neighbours(sorted, 'a').prev).toBeUndefined();
    expect(neighbours(sorted, 'c').next).toBeUndefined();
  });

  it('returns nothing for an unknown slug', () => {
    expect(neighbours(sorted, 'zzz')).toEqual({});
  });
});

describe('chapterPath', () => {
  it('is relative to the base, with the trailing slash the site is built with', () => {
    expect(chapterPath('mnist')).toBe('chapters/mnist/');
  });
});
