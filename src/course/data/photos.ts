/**
 * `course.data.photos(set?)`: the course's demo photos (the "doggy door" sets, a dog,
 * a cat, two ASL hands) when `npm run assets` has fetched them. Load one with
 * `course.images.load(photo.path)`. Without them this throws an AssetMissingError:
 * pages then offer the reader's own photos or webcam instead.
 */
import { getHost } from '../host.ts';
import { assetMissing } from './errors.ts';
import { PHOTO_INDEX_PATH, type PhotoIndex } from './photo-index.ts';

export interface Photo {
  /** Site path for `course.images.load`, e.g. `data/photos/presidential_doggy_door/train/bo/bo_1.jpg`. */
  path: string;
  /** First folder, e.g. `presidential_doggy_door` or `doggy_door_images`. */
  set: string;
  /** `train` / `valid` for sets split into folders. */
  split?: string;
  /** The class folder, e.g. `bo` / `not_bo`. */
  label?: string;
  name: string;
}

/** Reads `set/split/label/name` or `set/name` below `data/photos/`. */
export function parsePhotoPath(path: string): Photo {
  const parts = path.split('/');
  if (parts[0] !== 'data' || parts[1] !== 'photos' || (parts.length !== 4 && parts.length !== 6)) {
    throw new Error(`${PHOTO_INDEX_PATH}: unexpected photo path "${path}" (expected data/photos/<set>/[<split>/<label>/]<file>)`);
  }
  const [, , set, ...rest] = parts as [string, string, string, ...string[]];
  return rest.length === 1 ? { path, set, name: rest[0]! } : { path, set, split: rest[0], label: rest[1], name: rest[2]! };
}

export async function photos(set?: string): Promise<Photo[]> {
  let index: PhotoIndex;
  try {
    index = JSON.parse(new TextDecoder().decode(await getHost().fetchAsset(PHOTO_INDEX_PATH))) as PhotoIndex;
  } catch {
    throw assetMissing('The course demo photos', 'they are not bundled; your own photos or the webcam work instead');
  }
  if (index.version !== 1 || !Array.isArray(index.photos)) throw new Error(`${PHOTO_INDEX_PATH}: not a photo index; re-run \`npm run assets\``);
  const all = index.photos.map(parsePhotoPath);
  const chosen = set === undefined ? all : all.filter((p) => p.set === set);
  if (chosen.length === 0) {
    const sets = [...new Set(all.map((p) => p.set))];
    throw assetMissing(`The photo set "${set}"`, `this build has ${sets.length ? sets.join(', ') : 'no photo sets'}`);
  }
  return chosen;
}
