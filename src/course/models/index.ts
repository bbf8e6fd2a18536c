// Model builders and loaders (issue 4). Re-exported as `course.models`.
export { vgg16, buildVgg16, VGG16_INPUT_SHAPE, VGG16_PARAMS, VGG16_WEIGHTS_PATHS } from './vgg16.ts';
export type { BuildVgg16Options, Vgg16Options, Vgg16Result } from './vgg16.ts';
export { imagenetClasses, decodePredictions, IMAGENET_CLASS_COUNT } from './imagenet.ts';
export type { Prediction } from './imagenet.ts';
export { loadLayersWeights } from './layers-weights.ts';
export { fillMask, downloadProgress, DEFAULT_FILL_MASK_MODEL, pretrained, describeLoadFailure, describeDownload, testFixtureNote, chooseDevice, pickDevice } from './bert.ts';
export type { FillMaskOptions, DeviceChoice, FileInfo, PretrainedOptions } from './bert.ts';
export { trained, trainedModelPath } from './trained.ts';
