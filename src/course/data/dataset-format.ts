/**
 * The course's compact image data set file (see docs/data-format.md): a fixed
 * little-endian header, then one uint8 label per example, then uint8 pixels
 * (example-major, row-major, channels last). Pure code: used by the build scripts
 * that pack data sets and by the loaders that read them, in Node and the browser.
 */

export const DATASET_MAGIC = 'DLDS';
export const DATASET_VERSION = 1;
export const HEADER_BYTES = 20;

export interface DatasetHeader {
  count: number;
  rows: number;
  cols: number;
  channels: number;
  /** Labels are integers in [0, numClasses). */
  numClasses: number;
}

export interface PackedDataset extends DatasetHeader {
  labels: Uint8Array;
  /** `count * rows * cols * channels` bytes, 0..255. */
  pixels: Uint8Array;
}

export class DatasetFormatError extends Error {
  readonly file: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'DatasetFormatError';
    this.file = file;
  }
}

export function pixelsPerExample(h: Pick<DatasetHeader, 'rows' | 'cols' | 'channels'>): number {
  return h.rows * h.cols * h.channels;
}

export function packedSize(h: DatasetHeader): number {
  return HEADER_BYTES + h.count + h.count * pixelsPerExample(h);
}

export function encodeDataset(ds: PackedDataset): Uint8Array {
  const { count, rows, cols, channels, numClasses, labels, pixels } = ds;
  // u16 header fields; a wider image or more classes would need a new version.
  for (const [name, v] of [['rows', rows], ['cols', cols], ['channels', channels], ['numClasses', numClasses]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 0xffff) throw new RangeError(`encodeDataset: ${name} must be an integer in 1..65535, got ${v}`);
  }
  if (numClasses > 256) throw new RangeError(`encodeDataset: labels are uint8, so at most 256 classes (got ${numClasses})`);
  if (labels.length !== count) throw new RangeError(`encodeDataset: ${labels.length} labels for ${count} examples`);
  const per = pixelsPerExample(ds);
  if (pixels.length !== count * per) throw new RangeError(`encodeDataset: ${pixels.length} pixel bytes, expected ${count} x ${per}`);
  const bad = labels.findIndex((l) => l >= numClasses);
  if (bad >= 0) throw new RangeError(`encodeDataset: label ${labels[bad]} of example ${bad} is not below numClasses ${numClasses}`);

  const out = new Uint8Array(packedSize(ds));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = DATASET_MAGIC.charCodeAt(i);
  view.setUint16(4, DATASET_VERSION, true);
  view.setUint16(6, numClasses, true);
  view.setUint32(8, count, true);
  view.setUint16(12, rows, true);
  view.setUint16(14, cols, true);
  view.setUint16(16, channels, true);
  view.setUint16(18, 0, true);
  out.set(labels, HEADER_BYTES);
  out.set(pixels, HEADER_BYTES + count);
  return out;
}

/** Reads only the header; `file` names the source in error messages. */
export function decodeHeader(bytes: Uint8Array, file: string): DatasetHeader {
  if (bytes.length < HEADER_BYTES) {
    throw new DatasetFormatError(file, `only ${bytes.length} bytes, shorter than the ${HEADER_BYTES}-byte header (truncated or not a data set file)`);
  }
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== DATASET_MAGIC) {
    throw new DatasetFormatError(file, `not a course data set file (magic "${magic}", expected "${DATASET_MAGIC}"); rebuild it with \`npm run data\``);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== DATASET_VERSION) {
    throw new DatasetFormatError(file, `format version ${version}, this code reads version ${DATASET_VERSION}`);
  }
  const header: DatasetHeader = {
    numClasses: view.getUint16(6, true),
    count: view.getUint32(8, true),
    rows: view.getUint16(12, true),
    cols: view.getUint16(14, true),
    channels: view.getUint16(16, true),
  };
  if (header.rows === 0 || header.cols === 0 || header.channels === 0 || header.numClasses === 0) {
    throw new DatasetFormatError(file, `header has a zero dimension (${JSON.stringify(header)})`);
  }
  return header;
}

/**
 * Validates and views a whole file. The returned arrays share memory with `bytes`
 * (no copy: the full MNIST is 55 MB).
 */
export function decodeDataset(bytes: Uint8Array, file: string): PackedDataset {
  const header = decodeHeader(bytes, file);
  const expected = packedSize(header);
  if (bytes.length < expected) {
    throw new DatasetFormatError(file, `truncated: ${bytes.length} bytes, the header announces ${header.count} examples = ${expected} bytes`);
  }
  if (bytes.length > expected) {
    throw new DatasetFormatError(file, `corrupt: ${bytes.length} bytes, ${bytes.length - expected} more than the ${expected} its header announces`);
  }
  const labels = bytes.subarray(HEADER_BYTES, HEADER_BYTES + header.count);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= header.numClasses) {
      throw new DatasetFormatError(file, `corrupt: label ${labels[i]} of example ${i} is out of range 0..${header.numClasses - 1}`);
    }
  }
  return { ...header, labels, pixels: bytes.subarray(HEADER_BYTES + header.count) };
}
