/** `data/photos/index.json`: the demo photos this build serves (written by `npm run assets`). */
export const PHOTO_INDEX_PATH = 'data/photos/index.json';

export interface PhotoIndex {
  version: 1;
  /** Site-root-relative paths, e.g. `data/photos/presidential_doggy_door/train/bo/bo_1.jpg`. */
  photos: string[];
}
