/**
 * Large files a reader should download once (VGG16's weight shards): kept in the
 * browser's Cache Storage, so a second visit reads them from disk. Keys are the file's
 * URL plus a version (the hash of the model.json that lists it), so a site that ships
 * new weights under the same shard names is downloaded again. Where there is no Cache
 * Storage (Node, a browser that refuses it) this is a plain `fetchAsset`.
 */
import { getHost, type ProgressCallback } from './host.ts';

export const ASSET_CACHE_NAME = 'dlb-assets-v1';

export interface CachedAsset {
  bytes: Uint8Array;
  /** True when the bytes came from the browser's cache, not the network. */
  fromCache: boolean;
}

async function openCache(): Promise<Cache | undefined> {
  if (getHost().kind !== 'browser' || typeof caches === 'undefined') return undefined;
  try {
    return await caches.open(ASSET_CACHE_NAME);
  } catch {
    // Private windows and some embedded browsers refuse storage: download every time.
    return undefined;
  }
}

export async function fetchCachedAsset(path: string, version: string, onProgress?: ProgressCallback): Promise<CachedAsset> {
  const host = getHost();
  const cache = await openCache();
  if (!cache) return { bytes: await host.fetchAsset(path, onProgress), fromCache: false };
  const key = new URL(`${path.replace(/^\/+/, '')}?v=${encodeURIComponent(version)}`, host.assetRoot).href;
  const hit = await cache.match(key).catch(() => undefined);
  if (hit) {
    const bytes = new Uint8Array(await hit.arrayBuffer());
    onProgress?.(bytes.length, bytes.length);
    return { bytes, fromCache: true };
  }
  const bytes = await host.fetchAsset(path, onProgress);
  // A full quota only costs the next visit a download; the run goes on.
  await cache.put(key, new Response(new Uint8Array(bytes))).catch(() => undefined);
  return { bytes, fromCache: false };
}
