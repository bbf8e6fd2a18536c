// Data set loaders (issue 4). Re-exported as `course.data`.
export { mnist, type MnistData, type MnistOptions, type MnistSource } from './mnist.ts';
export { asl, type AslData, type AslOptions } from './asl.ts';
export { ASL_LETTERS } from './asl-labels.ts';
export { photos, type Photo } from './photos.ts';
export { AssetMissingError, isAssetMissingError } from './errors.ts';
export { readDataIndex } from './load.ts';
export type { LabelledImages } from './tensors.ts';
export type { DataIndex, DataIndexEntry } from './data-index.ts';
