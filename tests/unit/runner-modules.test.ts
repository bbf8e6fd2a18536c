import { describe, expect, it, vi } from 'vitest';
import { requireFrom, resolveImports } from '../../src/runner/modules.ts';

describe('resolveImports', () => {
  it('loads only the modules a run imports, each once', async () => {
    const tf = { name: 'tf' };
    const lazy = vi.fn(async () => ({ name: 'transformers' }));
    const r = await resolveImports(
      [
        { specifier: '@tensorflow/tfjs', line: 1 },
        { specifier: '@tensorflow/tfjs', line: 4 },
      ],
      { '@tensorflow/tfjs': () => tf, '@huggingface/transformers': lazy },
      'a.ts',
    );
    expect(r.ok && r.modules.get('@tensorflow/tfjs')).toBe(tf);
    expect(lazy).not.toHaveBeenCalled();
  });

  it('awaits lazy loaders before the code runs', async () => {
    const r = await resolveImports([{ specifier: 'x', line: 2 }], { x: async () => ({ ready: true }) }, 'a.ts');
    expect(r.ok && r.modules.get('x')).toEqual({ ready: true });
  });

  it('names an unknown import, its line and what can be imported', async () => {
    const r = await resolveImports([{ specifier: 'lodash', line: 3 }], { course: () => ({}) }, 'ch/x.ts');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual({ phase: 'import', line: 3, message: 'Cannot import "lodash" at ch/x.ts:3: playgrounds can import "course".' });
  });

  it('does not treat Object.prototype names as modules', async () => {
    const r = await resolveImports([{ specifier: 'toString', line: 1 }], {}, 'a.ts');
    expect(r.ok).toBe(false);
  });

  it('reports a loader that fails as an import error', async () => {
    const r = await resolveImports([{ specifier: 'big', line: 7 }], { big: () => Promise.reject(new Error('network down')) }, 'a.ts');
    expect(!r.ok && r.error.message).toBe('Loading "big" (imported at a.ts:7) failed: network down');
  });
});

describe('requireFrom', () => {
  it('returns resolved modules and rejects others with a clear message', () => {
    const req = requireFrom(new Map([['course', { ok: 1 }]]));
    expect(req('course')).toEqual({ ok: 1 });
    expect(() => req('other')).toThrow(/Cannot import "other"/);
  });
});
