// Image decoding and preprocessing (issue 4). Re-exported as `course.images`.
import type { Pixels } from '../../runner/protocol.ts';
import { getHost } from '../host.ts';
import { requireImageType } from './sniff.ts';

export { sniffImageType, NotAnImageError, type ImageType } from './sniff.ts';
export { centerCropBox, type Box } from './crop.ts';
export { augmentPhoto, randomResizedCropBox, hueMatrix, PHOTO_AUGMENTATION, type PhotoAugmentOptions } from './photo-augment.ts';
export { toTensor, toModelInput, vgg16Preprocess, vgg16Deprocess, VGG16_INPUT, VGG16_MEAN_BGR, type InputSpec, type Normalization } from './preprocess.ts';
export { augment, augmenter, type Augmenter, type AugmenterOptions, type ApplyOptions } from './augment.ts';
export { IDENTITY, projectiveMap, sampleAugmentation, augmentationSampler, type Augmentation, type AugmentRanges, type ProjectiveMap } from './augmentation.ts';

/** Decodes JPEG/PNG/WebP/GIF bytes by content; `name` appears in errors. */
export async function decode(bytes: Uint8Array, name: string): Promise<Pixels> {
  requireImageType(bytes, name);
  return getHost().decodeImage(bytes, name);
}

/** Fetches and decodes an image the site serves, e.g. `data/photos/doggy_door_images/happy_dog.jpg`. */
export async function load(path: string): Promise<Pixels> {
  return decode(await getHost().fetchAsset(path), path);
}
