/**
 * The site folder chapter 6's Node tests read assets from: stand-in VGG16 weights (real
 * architecture, seeded, written once per machine into the temp folder) and the demo
 * photos from ../shared/data/ when this machine has them.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeVgg16StandIn, type Vgg16Variant } from '../../scripts/fixtures/vgg16-stand-in.ts';
import { copyDemoPhotos, DEMO_PHOTO_SETS } from '../../scripts/fixtures/demo-photos.ts';
import { SHARED_DATA } from '../../scripts/fixtures/shared-data.ts';
import { VGG16_WEIGHTS_PATHS } from '../../src/course/models/vgg16.ts';

/** Bump when the stand-in generator changes, so no stale weights are reused. */
const VERSION = 1;
export const SITE = join(tmpdir(), `dlb-chapter6-site-v${VERSION}`);
export const HAS_PHOTOS = DEMO_PHOTO_SETS.every((set) => existsSync(join(SHARED_DATA, set)));
export const NO_PHOTOS_REASON = `no demo photos in ${SHARED_DATA} (set SHARED_DATA to a folder with doggy_door_images/ and presidential_doggy_door/)`;

/** Prepares SITE with the given VGG16 variants; safe to call from several test files. */
export async function chapter6Site(variants: Vgg16Variant[]): Promise<string> {
  await mkdir(SITE, { recursive: true });
  if (HAS_PHOTOS && !existsSync(join(SITE, 'data/photos/index.json'))) await copyDemoPhotos(SITE);
  for (const v of variants) {
    const modelJson = join(SITE, VGG16_WEIGHTS_PATHS[v]);
    if (existsSync(modelJson)) continue;
    await writeVgg16StandIn(SITE, v);
  }
  return SITE;
}

export async function removeChapter6Site(): Promise<void> {
  await rm(SITE, { recursive: true, force: true });
}
