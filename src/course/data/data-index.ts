/**
 * `data/index.json`: which data sets this build of the site serves. Written by
 * `npm run data` and `npm run assets` (scripts/assets/data-index.ts) from the files
 * actually present, so a loader can tell the reader which set it serves and can
 * say plainly when one is missing.
 */

export const DATA_INDEX_PATH = 'data/index.json';

export interface DataFileInfo {
  /** Site-root-relative path, e.g. `data/mnist/mnist-10k.bin`. */
  path: string;
  count: number;
  bytes: number;
}

export interface DataIndexEntry {
  /** Shown to the reader, e.g. `bundled 10,000`. */
  source: string;
  /** Split name -> file: MNIST bundled has `all`; full MNIST `train`/`test`; ASL `train`/`validation`. */
  files: Record<string, DataFileInfo>;
}

export interface DataIndex {
  version: 1;
  datasets: Record<string, DataIndexEntry>;
}

export function parseDataIndex(text: string, file: string): DataIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}); rebuild it with \`npm run data\``);
  }
  const idx = json as Partial<DataIndex>;
  if (idx?.version !== 1 || typeof idx.datasets !== 'object' || idx.datasets === null) {
    throw new Error(`${file}: not a data index (expected {"version": 1, "datasets": {...}}); rebuild it with \`npm run data\``);
  }
  return idx as DataIndex;
}
