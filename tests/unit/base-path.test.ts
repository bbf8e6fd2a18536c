import { describe, expect, it } from 'vitest';
import { joinBase, normalizeBase, stripBase } from '../../src/lib/base-path.ts';

describe('normalizeBase', () => {
  it.each([
    [undefined, '/'],
    [null, '/'],
    ['', '/'],
    ['/', '/'],
    ['repo', '/repo/'],
    ['/repo', '/repo/'],
    ['repo/', '/repo/'],
    ['//repo//', '/repo/'],
    [' /repo/ ', '/repo/'],
    ['/org/repo/', '/org/repo/'],
  ])('%j -> %j', (raw, expected) => {
    expect(normalizeBase(raw)).toBe(expected);
  });
});

describe('joinBase', () => {
  it('joins without doubled or missing slashes', () => {
    expect(joinBase('/repo/', 'chapters/x/')).toBe('/repo/chapters/x/');
    expect(joinBase('/repo', '/chapters/x/')).toBe('/repo/chapters/x/');
    expect(joinBase('repo', 'pagefind/pagefind-ui.js')).toBe('/repo/pagefind/pagefind-ui.js');
  });

  it('works at the root', () => {
    expect(joinBase('/', 'chapters/x/')).toBe('/chapters/x/');
    expect(joinBase('', '')).toBe('/');
  });

  it('gives the base itself for the home page', () => {
    expect(joinBase('/repo/', '')).toBe('/repo/');
  });
});

describe('stripBase', () => {
  it('removes the base from a pathname', () => {
    expect(stripBase('/repo/', '/repo/chapters/x/')).toBe('chapters/x/');
  });

  it('treats the base without its trailing slash as the home page', () => {
    expect(stripBase('/repo/', '/repo')).toBe('');
    expect(stripBase('/repo/', '/repo/')).toBe('');
  });

  it('leaves paths outside the base site-relative', () => {
    expect(stripBase('/repo/', '/other/page/')).toBe('other/page/');
    expect(stripBase('/', '/chapters/x/')).toBe('chapters/x/');
  });

  it('round-trips with joinBase', () => {
    for (const base of ['/', '/repo/', '/org/repo/']) {
      expect(stripBase(base, joinBase(base, 'chapters/mnist/'))).toBe('chapters/mnist/');
    }
  });
});
