import { afterEach, describe, expect, it } from 'vitest';
import { setHost } from '../../src/course/host.ts';
import { AssetMissingError, photos } from '../../src/course/data/index.ts';
import { parsePhotoPath } from '../../src/course/data/photos.ts';
import { fileHost } from './data-host-fixture.ts';

afterEach(() => setHost(undefined));

const index = (list: string[]) => ({ 'data/photos/index.json': new TextEncoder().encode(JSON.stringify({ version: 1, photos: list })) });

describe('course.data.photos', () => {
  it('parses split/label folders and flat sets', () => {
    expect(parsePhotoPath('data/photos/presidential_doggy_door/valid/not_bo/121.jpg')).toEqual({
      path: 'data/photos/presidential_doggy_door/valid/not_bo/121.jpg',
      set: 'presidential_doggy_door',
      split: 'valid',
      label: 'not_bo',
      name: '121.jpg',
    });
    expect(parsePhotoPath('data/photos/doggy_door_images/happy_dog.jpg')).toEqual({ path: 'data/photos/doggy_door_images/happy_dog.jpg', set: 'doggy_door_images', name: 'happy_dog.jpg' });
    expect(() => parsePhotoPath('data/photos/a/b/c.jpg')).toThrow(/data\/photos\/index\.json: unexpected photo path "data\/photos\/a\/b\/c\.jpg"/);
  });

  it('lists the photos of a set', async () => {
    setHost(fileHost('/nonexistent', index(['data/photos/presidential_doggy_door/train/bo/bo_1.jpg', 'data/photos/asl_images/a.png'])));
    expect((await photos('asl_images')).map((p) => p.name)).toEqual(['a.png']);
    expect(await photos()).toHaveLength(2);
    await expect(photos('fruits')).rejects.toThrow('The photo set "fruits": not in this build of the site (this build has presidential_doggy_door, asl_images). Run `npm run assets` and rebuild to add it.');
  });

  it('throws AssetMissingError when the build has no photos', async () => {
    setHost(fileHost('/nonexistent'));
    const err = await photos().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssetMissingError);
    expect((err as Error).message).toMatch(/^The course demo photos: not in this build of the site \(they are not bundled; your own photos or the webcam work instead\)/);
  });
});
