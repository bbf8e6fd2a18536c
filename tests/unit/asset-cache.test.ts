import { afterEach, describe, expect, it } from 'vitest';
import { setHost, type CourseHost } from '../../src/course/host.ts';
import { ASSET_CACHE_NAME, fetchCachedAsset } from '../../src/course/asset-cache.ts';

/** Cache Storage as the worker sees it: one named cache of Responses by URL. */
function fakeCaches() {
  const stores = new Map<string, Map<string, Response>>();
  return {
    stores,
    open: async (name: string) => {
      const store = stores.get(name) ?? new Map<string, Response>();
      stores.set(name, store);
      return {
        match: async (key: string) => store.get(key)?.clone(),
        put: async (key: string, response: Response) => void store.set(key, response),
      };
    },
  };
}

function browserHost(fetched: string[]): CourseHost {
  return {
    kind: 'browser',
    assetRoot: 'https://example.org/site/',
    fetchAsset: async (path: string, onProgress?: (l: number, t?: number) => void) => {
      fetched.push(path);
      const bytes = new TextEncoder().encode(`bytes of ${path}`);
      onProgress?.(bytes.length, bytes.length);
      return bytes;
    },
  } as unknown as CourseHost;
}

const g = globalThis as { caches?: unknown };
afterEach(() => {
  delete g.caches;
  setHost(undefined);
});

describe('fetchCachedAsset', () => {
  it('downloads once, then reads the browser cache; a new version downloads again', async () => {
    const caches = fakeCaches();
    g.caches = caches;
    const fetched: string[] = [];
    setHost(browserHost(fetched));
    const first = await fetchCachedAsset('models/vgg16/notop/group1-shard1of8.bin', 'v1');
    const progress: number[] = [];
    const second = await fetchCachedAsset('models/vgg16/notop/group1-shard1of8.bin', 'v1', (loaded) => progress.push(loaded));
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(new TextDecoder().decode(second.bytes)).toBe('bytes of models/vgg16/notop/group1-shard1of8.bin');
    expect(progress).toEqual([second.bytes.length]);
    expect(fetched).toEqual(['models/vgg16/notop/group1-shard1of8.bin']);
    expect([...caches.stores.get(ASSET_CACHE_NAME)!.keys()]).toEqual(['https://example.org/site/models/vgg16/notop/group1-shard1of8.bin?v=v1']);
    const third = await fetchCachedAsset('models/vgg16/notop/group1-shard1of8.bin', 'v2');
    expect(third.fromCache).toBe(false);
    expect(fetched).toHaveLength(2);
  });

  it('without Cache Storage, or when the browser refuses it, fetches every time', async () => {
    const fetched: string[] = [];
    setHost(browserHost(fetched));
    await fetchCachedAsset('a.bin', 'v1');
    await fetchCachedAsset('a.bin', 'v1');
    g.caches = { open: async () => Promise.reject(new DOMException('denied', 'SecurityError')) };
    const r = await fetchCachedAsset('a.bin', 'v1');
    expect(r.fromCache).toBe(false);
    expect(fetched).toEqual(['a.bin', 'a.bin', 'a.bin']);
  });
});
