/**
 * The Node host for data tests, with files served from memory on top of a
 * directory, so tests can feed loaders small, corrupt or truncated files.
 */
import { createNodeHost, type NodeHost } from '../../src/course/hosts/node.ts';

export function fileHost(root: string, overrides: Record<string, Uint8Array> = {}): NodeHost {
  const host = createNodeHost({ assetDir: root });
  return {
    ...host,
    async fetchAsset(path, onProgress) {
      const bytes = overrides[path];
      if (!bytes) return host.fetchAsset(path, onProgress);
      // Two steps, so progress consumers see a partial and a final report.
      onProgress?.(Math.floor(bytes.length / 2), bytes.length);
      onProgress?.(bytes.length, bytes.length);
      return bytes;
    },
  };
}
