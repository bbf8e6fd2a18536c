/**
 * The browser host's image decoder (CourseHost.decodeImage): the platform's own
 * decoders through createImageBitmap, read back with an OffscreenCanvas. Works in a
 * Web Worker. createImageBitmap applies EXIF orientation by default.
 */
import type { Pixels } from '../../runner/protocol.ts';
import { IMAGE_MIME, requireImageType } from './sniff.ts';

export async function decodeImageBrowser(bytes: Uint8Array, name: string): Promise<Pixels> {
  const type = requireImageType(bytes, name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: IMAGE_MIME[type] }));
  } catch (e) {
    throw new Error(`${name}: looks like ${type.toUpperCase()} but the browser could not decode it (${(e as Error).message})`);
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error(`${name}: no 2D canvas context to read the decoded pixels`);
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: bitmap.width, height: bitmap.height, data };
  } finally {
    bitmap.close();
  }
}
