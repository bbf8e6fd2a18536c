import { renameSync, writeFileSync } from 'node:fs';

/**
 * Writes via a temporary file and a rename, so a reader running at the same time
 * (a dev server, a parallel test run) sees the old file or the new one, never half.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
