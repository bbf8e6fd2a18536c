/**
 * A CourseHost for data tests: serves files from a directory (like the site's
 * public/) or from memory, records every output, and decodes images with sharp.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CourseHost, ProgressCallback } from '../../src/course/host.ts';
import type { Output } from '../../src/runner/protocol.ts';
import { decodeImageNode } from '../../src/course/images/decode-node.ts';

export interface RecordingHost extends CourseHost {
  outputs: Output[];
}

export function fileHost(root: string, overrides: Record<string, Uint8Array> = {}): RecordingHost {
  const outputs: Output[] = [];
  return {
    kind: 'node',
    outputs,
    emit: (o) => void outputs.push(o),
    request: () => Promise.reject(new Error('data tests answer no input requests')),
    params: {},
    assetRoot: root,
    kept: new Map(),
    decodeImage: decodeImageNode,
    async fetchAsset(path: string, onProgress?: ProgressCallback) {
      const bytes = overrides[path] ?? new Uint8Array(await readFile(join(root, path)).catch(() => {
        throw new Error(`${path}: not found under ${root}`);
      }));
      // Two steps, so progress consumers see a partial and a final report.
      onProgress?.(Math.floor(bytes.length / 2), bytes.length);
      onProgress?.(bytes.length, bytes.length);
      return bytes;
    },
  };
}
