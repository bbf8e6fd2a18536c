/**
 * Fetching the site's data files through the current host, with a progress bar.
 */
import { getHost } from '../host.ts';
import { decodeDataset, type PackedDataset } from './dataset-format.ts';
import { DATA_INDEX_PATH, parseDataIndex, type DataFileInfo, type DataIndex, type DataIndexEntry } from './data-index.ts';

const decoder = new TextDecoder();

export async function readDataIndex(): Promise<DataIndex> {
  let bytes: Uint8Array;
  try {
    bytes = await getHost().fetchAsset(DATA_INDEX_PATH);
  } catch (e) {
    throw new Error(`${DATA_INDEX_PATH} could not be read (${(e as Error).message}); the build writes it with \`npm run data\``);
  }
  return parseDataIndex(decoder.decode(bytes), DATA_INDEX_PATH);
}

export async function datasetEntry(id: string): Promise<DataIndexEntry | undefined> {
  return (await readDataIndex()).datasets[id];
}

/**
 * Progress is emitted at most once per percent: a 55 MB download would otherwise send
 * thousands of messages to the page.
 */
export function progressReporter(id: string, label: string, expectedTotal: number): (loaded: number, total: number | undefined) => void {
  let lastPercent = -1;
  let lastLoaded = -1;
  return (loaded, total) => {
    const t = total ?? expectedTotal;
    const percent = t > 0 ? Math.floor((loaded / t) * 100) : 0;
    if (loaded === lastLoaded || (percent === lastPercent && loaded < t)) return;
    lastPercent = percent;
    lastLoaded = loaded;
    getHost().emit({ kind: 'progress', id, label, value: loaded, total: t, unit: 'bytes' });
  };
}

/** Downloads one packed file with a progress bar and validates it. */
export async function fetchDataset(file: DataFileInfo, progressLabel: string): Promise<PackedDataset> {
  const report = progressReporter(`data:${file.path}`, progressLabel, file.bytes);
  const bytes = await getHost().fetchAsset(file.path, report);
  report(bytes.length, bytes.length);
  return decodeDataset(bytes, file.path);
}
